package kiln.bench.frontend;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import kiln.api.data.FrontendSettings;
import kiln.audio.WavReader;
import kiln.audio.frontend.FeatureQuantizer;
import kiln.audio.frontend.FrontendPresets;
import kiln.audio.frontend.MicroFrontend;
import kiln.audio.frontend.ReferenceMicroFrontend;

/**
 * Measures how many one-second 16 kHz clips the Java microfrontend turns into features per second
 * on one thread, and prints a table. Clips are the TFLM recordings when the fixtures are present,
 * otherwise seeded noise. Each row also times {@link ReferenceMicroFrontend} (the straightforward
 * port the fast path is tested against) in alternating rounds of the same run, as the baseline.
 */
public final class FrontendBenchmark {
  private static final double MEASURE_SECONDS = 1.0;
  private static final int ROUNDS = 3;
  /** Thread CPU time, so that other processes on a shared machine do not distort the figure. */
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private FrontendBenchmark() {}

  public static void main(String[] args) {
    List<short[]> clips = clips();
    FrontendSettings mltkDefault = FrontendSettings.defaults();
    FrontendSettings dynamic = FrontendPresets.microSpeech().toBuilder()
        .quantizeDynamicScaleEnable(true)
        .build();
    FrontendSettings everything = FrontendPresets.microSpeech().toBuilder()
        .dcNotchFilterEnable(true)
        .activityDetectionEnable(true)
        .build();

    System.out.printf(Locale.ROOT, "Kiln audio frontend, one thread, %d one-second 16 kHz clips (%s)%n", clips.size(),
        clipSource());
    System.out.printf(Locale.ROOT, "Java %s on %s, %d cores available; best of %d rounds of %.1f s; per-clip figures use%n"
        + "the thread's CPU time (a shared machine slows the wall clock, not the work)%n%n",
        System.getProperty("java.version"), System.getProperty("os.arch"),
        Runtime.getRuntime().availableProcessors(), ROUNDS, MEASURE_SECONDS);
    System.out.printf(Locale.ROOT, "| %-48s | %11s | %11s | %12s | %12s | %8s | %6s |%n", "settings", "clips/cpu-s",
        "cpu-us/clip", "clips/wall-s", "baseline c/s", "speed-up", "frames");
    System.out.println("|" + "-".repeat(50) + "|" + "-".repeat(13) + "|" + "-".repeat(13) + "|" + "-".repeat(14) + "|"
        + "-".repeat(14) + "|" + "-".repeat(10) + "|" + "-".repeat(8) + "|");
    row("micro_speech (30/20 ms, 40 ch, NR, PCAN), uint16", FrontendPresets.microSpeech(), clips, false);
    row("micro_speech, int8", FrontendPresets.microSpeech(), clips, true);
    row("micro_speech, int8 dynamic scale", dynamic, clips, true);
    row("micro_speech + DC notch + activity detection", everything, clips, false);
    row("MLTK defaults (25/10 ms, 32 ch, no NR/PCAN)", mltkDefault, clips, false);
    System.out.println();
    System.out.println("clips/cpu-s: clips per second of this thread's CPU time (best round); baseline c/s: the same for");
    System.out.println("ReferenceMicroFrontend, the operation-by-operation port (Kiln's frontend before it was made fast),");
    System.out.println("timed in rounds alternating with the fast one; speed-up = clips/cpu-s / baseline c/s.");
    System.out.println("For scale: the C microfrontend (-O2) is quoted at about 4,100 clips/s per core on these machines"
        + " (issue text, not measured by this program).");
  }

  /** One way of turning a clip into features, timed. */
  private interface Extractor {
    long run(short[] clip);
  }

  private static void row(String name, FrontendSettings settings, List<short[]> clips, boolean int8) {
    MicroFrontend frontend = new MicroFrontend(settings);
    ReferenceMicroFrontend reference = new ReferenceMicroFrontend(settings);
    int frames = frontend.frameCount(clips.get(0).length);
    int[] out = new int[frames * frontend.channels()];
    Extractor fast = clip -> {
      frontend.extract(clip, 0, clip.length, out, 0);
      return int8 ? FeatureQuantizer.toInt8(out, settings)[0] : out[0];
    };
    Extractor baseline = clip -> {
      reference.extract(clip, 0, clip.length, out, 0);
      return int8 ? FeatureQuantizer.toInt8(out, settings)[0] : out[0];
    };
    long sink = warm(fast, clips) + warm(baseline, clips);
    double[] best = new double[3]; // fast cpu, fast wall, baseline cpu
    for (int r = 0; r < ROUNDS; r++) {
      double[] f = round(fast, clips);
      double[] b = round(baseline, clips);
      best[0] = Math.max(best[0], f[0]);
      best[1] = Math.max(best[1], f[1]);
      best[2] = Math.max(best[2], b[0]);
      sink += (long) f[2] + (long) b[2];
    }
    System.out.printf(Locale.ROOT, "| %-48s | %,11.0f | %11.1f | %,12.0f | %,12.0f | %7.2fx | %6d |%n", name, best[0],
        1e6 / best[0], best[1], best[2], best[0] / best[2], frames);
    if (sink == 42) {
      System.out.println(); // keeps the results alive
    }
  }

  /** Lets the JIT compile the hot loops. */
  private static long warm(Extractor e, List<short[]> clips) {
    long sink = 0;
    long warmEnd = System.nanoTime() + 700_000_000L;
    int i = 0;
    while (System.nanoTime() < warmEnd) {
      sink += e.run(clips.get(i++ % clips.size()));
    }
    return sink;
  }

  /** One timed round: clips per CPU second, clips per wall second, a checksum. */
  private static double[] round(Extractor e, List<short[]> clips) {
    long start = System.nanoTime();
    long cpuStart = THREADS.getCurrentThreadCpuTime();
    long end = start + (long) (MEASURE_SECONDS * 1e9);
    int n = 0;
    long sink = 0;
    long now;
    do {
      for (int k = 0; k < 32; k++) {
        sink += e.run(clips.get(n++ % clips.size()));
      }
      now = System.nanoTime();
    } while (now < end);
    long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
    return new double[] {n / (cpu / 1e9), n / ((now - start) / 1e9), sink};
  }

  private static Path fixtures() {
    return Path.of(System.getProperty("kiln.fixtures", "../../../shared/fixtures")).resolve("tflm");
  }

  private static String clipSource() {
    return Files.isRegularFile(fixtures().resolve("yes_1000ms.wav")) ? "TFLM yes/no/silence/noise recordings"
        : "seeded noise: fixtures not found at " + fixtures().toAbsolutePath().normalize();
  }

  private static List<short[]> clips() {
    List<short[]> clips = new ArrayList<>();
    for (String name : Arrays.asList("yes_1000ms.wav", "no_1000ms.wav", "silence_1000ms.wav", "noise_1000ms.wav")) {
      Path p = fixtures().resolve(name);
      if (Files.isRegularFile(p)) {
        clips.add(WavReader.readPcm16(p, 16000));
      }
    }
    if (clips.isEmpty()) {
      SplittableRandom random = new SplittableRandom(5);
      for (int c = 0; c < 4; c++) {
        short[] pcm = new short[16000];
        for (int i = 0; i < pcm.length; i++) {
          pcm[i] = (short) random.nextInt(-3000, 3000);
        }
        clips.add(pcm);
      }
    }
    return clips;
  }
}
