package kiln.bench.datagen;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.api.Progress;
import kiln.api.data.Augmenter;
import kiln.api.data.Dataset;
import kiln.api.data.FrontendSettings;
import kiln.audio.frontend.FrontendPresets;
import kiln.augment.ParallelAudioDataGenerator;
import kiln.augment.Spectrogram;
import kiln.augment.audio.BuiltinAugmenters;
import kiln.augment.tarsos.TarsosAugmenters;
import kiln.datasets.yesno.YesNoDatasetProvider;

/**
 * Samples per second of the parallel audio data generator on the embedded yes_no dataset with the
 * micro_speech frontend (49 x 40, int8), batch 32, on 2 worker threads, for several augmentation
 * settings. Usage: {@code mvn -q -pl bench/datagen exec:java [-Dexec.args="THREADS SECONDS"]}.
 */
public final class DatagenBenchmark {
  private DatagenBenchmark() {}

  public static void main(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 6;
    Path home = Files.createTempDirectory("kiln-bench-datagen");
    try {
      bench(home, threads, seconds);
    } finally {
      kiln.util.data.DatasetFolders.deleteQuietly(home);
    }
  }

  private static void bench(Path home, int threads, double seconds) throws Exception {
    Dataset ds = new YesNoDatasetProvider().load(home.resolve("yes_no"), Progress.NONE);
    FrontendSettings fe = FrontendPresets.microSpeech();
    Spectrogram spectrogram = Spectrogram.microFrontend(fe);
    Map<String, Augmenter> augmenters = new LinkedHashMap<>(BuiltinAugmenters.all());
    augmenters.putAll(TarsosAugmenters.all());

    Map<String, Object> base = new HashMap<>();
    base.put("dtype", "int8");
    base.put("max_batches_pending", 16);
    base.put("unknown_class_percentage", 1.0);
    base.put("silence_class_percentage", 0.2);
    base.put("validation_split", 0.15);

    Map<String, Object> none = new HashMap<>(base);
    none.put("disable_random_transforms", true);
    Map<String, Object> seed004 = new HashMap<>(base);
    seed004.put("offset_range", List.of(0.0, 1.0));
    seed004.put("trim_threshold_db", 20);
    seed004.put("bg_noise_range", List.of(0.0, 0.3));
    seed004.put("bg_noise_dir", "_background_noise_");
    Map<String, Object> all = new HashMap<>(seed004);
    all.put("loudness_range", List.of(0.6, 3.0));
    all.put("noise_colors", "all");
    all.put("noise_color_range", List.of(0.0, 0.1));
    all.put("vtlp_range", List.of(0.7, 1.4));
    all.put("speed_range", List.of(0.6, 1.9));
    all.put("pitch_range", List.of(-3, 4));

    breakdown(ds, all, fe, augmenters, seconds);
    List<String[]> rows = new ArrayList<>();
    rows.add(frontendAlone(fe, threads, seconds));
    rows.add(run("none, first epoch (frontend on every sample)", ds, none, fe, spectrogram, augmenters, threads, seconds, true));
    rows.add(run("none, later epochs (features cached)", ds, none, fe, spectrogram, augmenters, threads, seconds, false));
    rows.add(run("seed 004: offset, trim, bg noise", ds, seed004, fe, spectrogram, augmenters, threads, seconds, false));
    Map<String, Object> noTarsos = new HashMap<>(all);
    noTarsos.remove("speed_range");
    noTarsos.remove("pitch_range");
    rows.add(run("+ loudness, noise colours, vtlp", ds, noTarsos, fe, spectrogram, augmenters, threads, seconds, false));
    rows.add(run("all (+ speed, pitch: TarsosDSP)", ds, all, fe, spectrogram, augmenters, threads, seconds, false));

    System.out.printf("Data generator on yes_no (training subset), micro_speech frontend 49x40 int8, batch 32, %d worker threads, %d CPUs%n",
        threads, Runtime.getRuntime().availableProcessors());
    System.out.printf("%-46s %9s %11s %11s %15s%n", "augmentation", "samples", "samples/s", "per CPU-s", "est. idle cores");
    for (String[] r : rows) {
      System.out.printf("%-46s %9s %11s %11s %15s%n", r[0], r[1], r[2], r[3], r[4]);
    }
    double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    System.out.printf("samples/s: measured wall clock; per CPU-s: measured samples per CPU-second of this process;%n"
        + "est. idle cores: per CPU-s x %d threads, an ESTIMATE of the rate on %d idle cores. Generator alone, no trainer;%n"
        + "system load average %.1f while measuring.%n", threads, threads, load);
  }

  /**
   * CPU microseconds per sample of each step on one thread, on the dataset's first clips made 1 s
   * long: each augmenter with the {@code all} settings, then the frontend. Where the time goes.
   */
  private static void breakdown(Dataset ds, Map<String, Object> all, FrontendSettings fe,
      Map<String, Augmenter> augmenters, double seconds) {
    int length = fe.sampleRateHz() * fe.sampleLengthMs() / 1000;
    List<float[]> clips = new ArrayList<>();
    for (List<Path> files : new java.util.TreeMap<>(ds.samplesByClass()).values()) {
      for (Path f : files.subList(0, Math.min(50, files.size()))) {
        clips.add(kiln.augment.AudioOps.adjustLength(
            kiln.audio.WavReader.read(f, fe.sampleRateHz()).samples(), length, 0.0));
      }
    }
    Map<String, Object> settings = new HashMap<>(all);
    settings.put("bg_noise_dir", ds.root().resolve("_background_noise_").toString());
    System.out.printf("Per-sample cost on one thread (%d clips of %d samples), microseconds of CPU time:%n", clips.size(), length);
    // the augmenters' FFTs run on the Vector API when the JVM has the module (./kiln adds it)
    System.out.printf("  (jdk.incubator.vector %s)%n", ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
        ? "present: vector FFT stages" : "absent: scalar FFT stages; run with --add-modules jdk.incubator.vector as ./kiln does");
    List<String> order = new ArrayList<>(ParallelAudioDataGenerator.ORDER);
    double total = 0;
    for (String name : order) {
      Augmenter a = augmenters.get(name);
      if (a == null || !a.enabled(settings)) {
        continue;
      }
      double us = time(seconds / 8, clips, x -> a.apply(x.clone(), fe.sampleRateHz(), settings,
          new java.util.SplittableRandom(x.length + System.nanoTime())));
      total += us;
      System.out.printf("  %-22s %9.1f%n", name, us);
    }
    Spectrogram s = Spectrogram.microFrontend(fe);
    double us = time(seconds / 8, clips, x -> {
      short[] pcm = kiln.audio.Pcm.toPcm16(x);
      s.apply(pcm);
      return x;
    });
    total += us;
    System.out.printf("  %-22s %9.1f%n  %-22s %9.1f  (%,.0f samples/s per core)%n", "frontend", us, "total", total, 1e6 / total);
  }

  private static double time(double seconds, List<float[]> clips, java.util.function.UnaryOperator<float[]> f) {
    // warm the JIT (at least 1 s of this thread's CPU time and 2 s of wall clock: C2 must have
    // compiled the FFTs, the Vector API ones above all, or the first steps measure the interpreter;
    // a wall-clock second alone on the loaded machine left vtlp at ~3x its warm cost), then time
    // whole passes over the clips
    java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
    long warmCpu = cpu.getCurrentThreadCpuTime() + (long) (Math.max(seconds * 0.3, 1.0) * 1e9);
    long warmWall = System.nanoTime() + 2_000_000_000L;
    int i = 0;
    while (cpu.getCurrentThreadCpuTime() < warmCpu || System.nanoTime() < warmWall) {
      f.apply(clips.get(i++ % clips.size()));
    }
    // this thread's CPU time, not the wall clock: the machine is shared
    long n = 0;
    long start = cpu.getCurrentThreadCpuTime();
    long end = System.nanoTime() + (long) (seconds * 1e9);
    while (System.nanoTime() < end) {
      f.apply(clips.get((int) (n++ % clips.size())));
    }
    return (cpu.getCurrentThreadCpuTime() - start) / 1e3 / n;
  }

  /** The frontend alone on 1 s of speech-like noise, on the same number of threads: the ceiling. */
  private static String[] frontendAlone(FrontendSettings fe, int threads, double seconds) throws Exception {
    Spectrogram s = Spectrogram.microFrontend(fe);
    short[] pcm = new short[fe.sampleRateHz() * fe.sampleLengthMs() / 1000];
    java.util.Random r = new java.util.Random(1);
    for (int i = 0; i < pcm.length; i++) {
      pcm[i] = (short) (r.nextGaussian() * 3000);
    }
    java.util.concurrent.atomic.AtomicLong count = new java.util.concurrent.atomic.AtomicLong();
    long cpuStart = processCpuNanos();
    long end = System.nanoTime() + (long) (seconds * 1e9);
    List<Thread> workers = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      Thread w = new Thread(() -> {
        while (System.nanoTime() < end) {
          s.apply(pcm);
          count.incrementAndGet();
        }
      });
      w.start();
      workers.add(w);
    }
    for (Thread w : workers) {
      w.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    return row("(frontend alone, no generator: the ceiling)", count.get(), elapsed,
        (processCpuNanos() - cpuStart) / 1e9, threads);
  }

  /**
   * A table row: wall-clock rate, rate per CPU-second used by this process, and that times the
   * thread count, an estimate of the rate on as many idle cores (the build machine is shared).
   */
  private static String[] row(String label, long samples, double wallSeconds, double cpuSeconds, int threads) {
    double perCpu = samples / Math.max(cpuSeconds, 1e-9);
    return new String[] {label, Long.toString(samples), String.format("%,.0f", samples / wallSeconds),
        String.format("%,.0f", perCpu), String.format("%,.0f", Math.min(perCpu * threads, 1e9))};
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static String[] run(String label, Dataset ds, Map<String, Object> settings, FrontendSettings fe,
      Spectrogram spectrogram, Map<String, Augmenter> augmenters, int threads, double seconds, boolean coldOnly) {
    try (ParallelAudioDataGenerator gen = ParallelAudioDataGenerator.builder()
        .dataset(ds).classes(List.of("yes", "no", "_unknown_", "_silence_")).settings(settings)
        .frontend(fe, spectrogram).augmenters(augmenters).batchSize(32).seed(1).threads(threads)
        .classWeights("balanced").build()) {
      int perEpoch = gen.batchesPerEpoch();
      if (!coldOnly) {
        // warm up: a whole epoch fills the feature cache when there is no augmentation; else a few
        // 3 s of batches warm the JIT
        long warmEnd = System.nanoTime() + 3_000_000_000L;
        for (int i = 0; i < perEpoch && (!gen.augmenting() || System.nanoTime() < warmEnd); i++) {
          gen.next();
        }
      }
      long samples = 0;
      long cpuStart = processCpuNanos();
      long start = System.nanoTime();
      int batches = 0;
      while ((System.nanoTime() - start) / 1e9 < seconds && (!coldOnly || batches < perEpoch)) {
        samples += gen.next().size();
        batches++;
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      double cpu = (processCpuNanos() - cpuStart) / 1e9;
      return row(label, samples, elapsed, cpu, threads);
    }
  }
}
