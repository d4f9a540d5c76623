package kiln.bench.micro;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import kiln.api.model.ElementType;
import kiln.api.model.TensorData;
import kiln.api.model.TensorSpec;
import kiln.micro.MicroModel;
import kiln.micro.MicroRuntime;
import kiln.micro.OpChecker;
import kiln.tflite.TfliteModel;

/**
 * Inferences per second of Kiln's micro runtime and of TFLite 2.20's optimized CPU kernels
 * (BuiltinOpResolverWithoutDefaultDelegates, one thread) on micro_speech, the four MLTK fixture
 * models and a 9.2M MAC conv model, printed as a table with the ratio. Outputs are compared on
 * the bench's inputs: identical bytes, or else every op is checked against TFLite with the
 * tests' tie rules (OpChecker). Run: {@code mvn -q -pl bench/micro -am verify -DskipTests -Pbench}
 * (options -Dbench.seconds=3 -Dbench.model=NAME).
 */
public final class MicroBench {
  private MicroBench() {}

  record Result(String model, double kilnUs, double tfliteUs, String same) {}

  /** The MLTK fixture models, under mltk/. */
  private static final String[] MLTK = {
      "tflite_micro_speech", "image_example1", "anomaly_detection", "image_classification"};

  public static void main(String[] args) throws Exception {
    Path fixtures = Path.of(System.getProperty("kiln.fixtures", "../shared/fixtures"));
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3.0;
    String only = args.length > 1 ? args[1] : "";
    List<Result> rows = new ArrayList<>();
    StringBuilder missing = new StringBuilder();
    Path speech = fixtures.resolve("tflm/micro_speech_quantized.tflite");
    Path features = fixtures.resolve("tflm/yes_micro_features_int8.bin");
    if (!Files.isRegularFile(speech)) {
      missing.append("micro_speech: fixtures not found at ").append(speech).append('\n');
    } else if (only.isEmpty() || "micro_speech".contains(only)) {
      rows.add(measure("micro_speech", Files.readAllBytes(speech),
          List.of(Files.readAllBytes(features)), seconds));
    }
    for (String m : MLTK) {
      Path f = fixtures.resolve("mltk/" + m + ".tflite");
      if (!Files.isRegularFile(f)) {
        missing.append(m).append(": fixture not found at ").append(f).append('\n');
      } else if (only.isEmpty() || m.contains(only)) {
        byte[] bytes = Files.readAllBytes(f);
        rows.add(measure(m, bytes, randomInputs(MicroRuntime.load(bytes, m), 5), seconds));
      }
    }
    if (only.isEmpty() || "conv".contains(only)) {
      ConvModel conv = new ConvModel();
      byte[] convBytes = conv.build().toBytes();
      byte[] convInput = new byte[40 * 40 * 8];
      new Random(3).nextBytes(convInput);
      rows.add(measure("conv (Kiln-written)", convBytes, List.of(convInput), seconds));
    }
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%-22s %12s %12s %12s %8s  %s%n", "model", "Kiln us/inf",
        "TFLite us/inf", "Kiln inf/s", "ratio", "outputs"));
    for (Result r : rows) {
      out.append(String.format(Locale.ROOT, "%-22s %12.1f %12.1f %12.0f %8.2f  %s%n", r.model,
          r.kilnUs, r.tfliteUs, 1e6 / r.kilnUs, r.tfliteUs / r.kilnUs, r.same));
    }
    out.append(missing);
    out.append("us/inf = CPU time of the calling thread per inference (median of 10 batches, the "
        + "better of two rounds); ratio = Kiln inferences/s divided by TFLite's, one thread each;\n"
        + "outputs: 'identical' = every output byte equals TFLite's; 'ties' = they differ, and "
        + "every op's output equals TFLite's on Kiln's op inputs except rounding ties\n"
        + "(TFLite Micro's rule, which Kiln follows, vs TFLite's); system load average "
        + String.format(Locale.ROOT, "%.1f",
            java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage())
        + "\n");
    System.out.print(out);
  }

  /** Seeded random inputs: int8 bytes over the whole range, float32 uniform in [-1, 1). */
  static List<byte[]> randomInputs(MicroModel m, long seed) {
    Random r = new Random(seed);
    List<byte[]> in = new ArrayList<>();
    for (TensorSpec s : m.inputs()) {
      int n = (int) TensorData.elementCount(s.shape());
      if (s.type() == ElementType.FLOAT32) {
        ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
          b.putFloat(r.nextFloat() * 2 - 1);
        }
        in.add(b.array());
      } else {
        byte[] b = new byte[n * s.type().bytes()];
        r.nextBytes(b);
        in.add(b);
      }
    }
    return in;
  }

  static Result measure(String name, byte[] model, List<byte[]> inputs, double seconds) {
    MicroModel kiln = MicroRuntime.load(model, name);
    List<TensorData> data = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      TensorSpec s = kiln.inputs().get(i);
      data.add(new TensorData(s.type(), s.shape(), inputs.get(i)));
    }
    try (TfliteRunner tflite = new TfliteRunner(model)) {
      for (int i = 0; i < inputs.size(); i++) {
        tflite.setInput(i, inputs.get(i));
      }
      List<TensorData> k = kiln.run(data);
      tflite.invoke();
      boolean identical = true;
      for (int i = 0; i < k.size(); i++) {
        identical &= Arrays.equals(k.get(i).bytes(), tflite.output(i));
      }
      String same = identical ? "identical" : sameWithinTies(model, kiln, name);
      double kilnUs = time(kiln::invoke, seconds);
      double tfliteUs = time(tflite::invoke, seconds);
      // interleave a second round so JIT and caches treat both alike; keep the better
      kilnUs = Math.min(kilnUs, time(kiln::invoke, seconds));
      tfliteUs = Math.min(tfliteUs, time(tflite::invoke, seconds));
      return new Result(name, kilnUs, tfliteUs, same);
    }
  }

  /** Every op of Kiln's last run against TFLite fed the same op inputs, with the tie rules. */
  private static String sameWithinTies(byte[] model, MicroModel kiln, String name) {
    OpChecker checker = new OpChecker();
    checker.check(TfliteModel.read(model, name), kiln, name);
    if (!checker.failures.isEmpty()) {
      return "DIFFERENT: " + checker.failures.get(0);
    }
    long ties = checker.stats.values().stream().mapToLong(v -> v[1]).sum();
    return "ties (" + ties + " tied elements inside ops, none other)";
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
