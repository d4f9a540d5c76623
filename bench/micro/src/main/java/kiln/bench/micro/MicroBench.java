package kiln.bench.micro;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import kiln.micro.MicroModel;
import kiln.micro.MicroRuntime;

/**
 * Inferences per second of Kiln's micro runtime and of TFLite 2.20's optimized CPU kernels
 * (BuiltinOpResolverWithoutDefaultDelegates, one thread) on micro_speech and on a ~10M MAC conv
 * model, printed as a table with the ratio. Run: {@code mvn -q -pl bench/micro exec:java}.
 */
public final class MicroBench {
  private MicroBench() {}

  record Result(String model, double kilnUs, double tfliteUs, boolean sameOutput) {}

  public static void main(String[] args) throws Exception {
    Path fixtures = Path.of(System.getProperty("kiln.fixtures", "../shared/fixtures"));
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3.0;
    Path speech = fixtures.resolve("tflm/micro_speech_quantized.tflite");
    Path features = fixtures.resolve("tflm/yes_micro_features_int8.bin");
    ConvModel conv = new ConvModel();
    byte[] convBytes = conv.build().toBytes();
    byte[] convInput = new byte[40 * 40 * 8];
    new Random(3).nextBytes(convInput);
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%-26s %10s %12s %12s %12s %8s %6s%n", "model", "MACs",
        "Kiln us/inf", "TFLite us/inf", "Kiln inf/s", "ratio", "same"));
    if (Files.isRegularFile(speech)) {
      Result r = measure("micro_speech", Files.readAllBytes(speech), Files.readAllBytes(features),
          seconds);
      out.append(row(r, 336_000));
    } else {
      out.append("micro_speech: fixtures not found at ").append(speech).append('\n');
    }
    out.append(row(measure("conv (Kiln-written)", convBytes, convInput, seconds), conv.macs));
    out.append("us/inf = CPU time of the calling thread per inference (median of 10 batches); "
        + "ratio = Kiln inferences/s divided by TFLite's, one thread each;\n"
        + "for scale, TFLite Micro's C reference kernels (-O2) take ~550 us on micro_speech\n");
    System.out.print(out);
  }

  static String row(Result r, long macs) {
    return String.format(Locale.ROOT, "%-26s %10d %12.1f %12.1f %12.0f %8.2f %6s%n", r.model, macs,
        r.kilnUs, r.tfliteUs, 1e6 / r.kilnUs, r.tfliteUs / r.kilnUs, r.sameOutput ? "yes" : "NO");
  }

  static Result measure(String name, byte[] model, byte[] input, double seconds) {
    MicroModel kiln = MicroRuntime.load(model, name);
    System.arraycopy(input, 0, kiln.input(0).i8, 0, input.length);
    try (TfliteRunner tflite = new TfliteRunner(model)) {
      tflite.setInput(input);
      kiln.invoke();
      tflite.invoke();
      byte[] k = kiln.output(0).i8.clone();
      byte[] t = new byte[k.length];
      tflite.interpreter.output_tensor(0).data().raw().capacity(t.length).get(t);
      double kilnUs = time(kiln::invoke, seconds);
      double tfliteUs = time(tflite::invoke, seconds);
      // interleave a second round so JIT and caches treat both alike; keep the better
      kilnUs = Math.min(kilnUs, time(kiln::invoke, seconds));
      tfliteUs = Math.min(tfliteUs, time(tflite::invoke, seconds));
      return new Result(name, kilnUs, tfliteUs, Arrays.equals(k, t));
    }
  }

  private static final java.lang.management.ThreadMXBean CPU =
      java.lang.management.ManagementFactory.getThreadMXBean();

  /**
   * CPU microseconds per call (this thread's CPU time, so other load on a shared machine does
   * not count): warm up, then the median of ten timed batches.
   */
  static double time(Runnable r, double seconds) {
    long end = System.nanoTime() + (long) (seconds * 0.3e9);
    int calls = 0;
    while (System.nanoTime() < end) {
      r.run();
      calls++;
    }
    int batch = Math.max(1, (int) (calls / (seconds * 0.3) * seconds * 0.07));
    double[] us = new double[10];
    for (int b = 0; b < us.length; b++) {
      long t0 = CPU.getCurrentThreadCpuTime();
      for (int i = 0; i < batch; i++) {
        r.run();
      }
      us[b] = (CPU.getCurrentThreadCpuTime() - t0) / 1e3 / batch;
    }
    Arrays.sort(us);
    return (us[4] + us[5]) / 2;
  }
}
