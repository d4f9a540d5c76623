package kiln.pipeline;

import static kiln.nn.Args.kw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import kiln.api.Progress;
import kiln.api.model.Batch;
import kiln.api.model.BatchSource;
import kiln.api.model.LayerGraph;
import kiln.api.model.QuantizeJob;
import kiln.api.model.TensorData;
import kiln.api.model.TrainJob;
import kiln.api.model.TrainResult;
import kiln.micro.MicroModel;
import kiln.micro.MicroRuntime;
import kiln.micro.internal.MicroInterpreterService;
import kiln.models.ReferenceSpecs;
import kiln.nn.Activation;
import kiln.nn.Add;
import kiln.nn.BatchNormalization;
import kiln.nn.Conv2D;
import kiln.nn.Dense;
import kiln.nn.DepthwiseConv2D;
import kiln.nn.GlobalAveragePooling2D;
import kiln.nn.Input;
import kiln.nn.Model;
import kiln.nn.ReduceMean;
import kiln.nn.SpatialDropout2D;
import kiln.nn.SubSpectralNormalization;
import kiln.nn.Tensor;
import kiln.quantize.internal.Ptq;
import kiln.spec.SearchPathModelFinder;
import kiln.tensorflow.train.TensorFlowTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BC-ResNet's layers (SubSpectralNormalization, ReduceMean with keepdims, swish, SpatialDropout2D,
 * the broadcasting Add) from training to the int8 file: TensorFlow trains them (the loss falls),
 * the quantizer writes float32 and int8 files, and TFLite 2.20 (the independent reference) and
 * Kiln's interpreter run them against TensorFlow's own float outputs.
 */
class BcResnetExportTest {
  @TempDir Path dir;

  /** Random (T, F, C) inputs; class 1 when the first channel's mean is above the second's. */
  static final class Synthetic implements BatchSource {
    private final int[] shape;
    private final int batches;
    private final int size;
    private final long seed;
    private int k;

    Synthetic(int[] shape, int batches, int size, long seed) {
      this.shape = shape;
      this.batches = batches;
      this.size = size;
      this.seed = seed;
    }

    @Override
    public int batchesPerEpoch() {
      return batches;
    }

    @Override
    public Batch next() {
      SplittableRandom r = new SplittableRandom(seed * 1000 + (k++ % batches));
      int n = (int) TensorData.elementCount(shape);
      float[] x = new float[size * n];
      float[] y = new float[size * 2];
      for (int i = 0; i < size; i++) {
        float[] s = sample(r, n);
        System.arraycopy(s, 0, x, i * n, n);
        y[i * 2 + label(s, shape[shape.length - 1])] = 1;
      }
      int[] xs = new int[shape.length + 1];
      xs[0] = size;
      System.arraycopy(shape, 0, xs, 1, shape.length);
      return new Batch(x, xs, y, new int[] {size, 2}, null);
    }

    static float[] sample(SplittableRandom r, int n) {
      float[] s = new float[n];
      for (int j = 0; j < n; j++) {
        s[j] = (float) (r.nextDouble() * 2 - 1);
      }
      return s;
    }

    static int label(float[] s, int channels) {
      double d = 0;
      for (int j = 0; j < s.length; j += channels) {
        d += s[j] - s[j + 1];
      }
      return d > 0 ? 1 : 0;
    }
  }

  /** One BC-ResNet normal block between a 1x1 conv and a pooled dense softmax. */
  static LayerGraph block() {
    Tensor x = Input.of(6, 10, 2);
    Tensor h = new Conv2D(kw("filters", 4, "kernel_size", 1)).apply(x);
    Tensor f = new DepthwiseConv2D(kw("kernel_size", List.of(1, 3), "padding", "same", "use_bias", false)).apply(h);
    // momentum 0.9: the moving statistics settle within this short training
    Tensor residual = new SubSpectralNormalization(kw("sub_groups", 5, "momentum", 0.9)).apply(f);
    Tensor y = new ReduceMean(2, true).apply(residual);
    y = new DepthwiseConv2D(kw("kernel_size", List.of(3, 1), "dilation_rate", List.of(2, 1), "padding", "same",
        "use_bias", false)).apply(y);
    y = new BatchNormalization(kw("momentum", 0.9)).apply(y);
    y = new Activation("swish").apply(y);
    y = new Conv2D(kw("filters", 4, "kernel_size", 1, "use_bias", false)).apply(y);
    y = new SpatialDropout2D(0.1).apply(y);
    y = new Activation("relu").apply(new Add().apply(y, h, residual));
    y = new GlobalAveragePooling2D().apply(y);
    return new Model("bc_block", x, new Dense(kw("units", 2, "activation", "softmax")).apply(y)).toGraph();
  }

  private TrainResult train(LayerGraph g, BatchSource data, int epochs, double lr) {
    Map<String, Object> settings = new LinkedHashMap<>(Map.of("epochs", epochs,
        "optimizer", kw("name", "adam", "learning_rate", lr, "epsilon", 1e-8), "loss", "categorical_crossentropy",
        "metrics", List.of("accuracy")));
    return new TensorFlowTrainer().train(new TrainJob(g, settings, data, null, null, 0, dir, 5, Progress.NONE));
  }

  private static Ptq.Output quantize(LayerGraph g, TrainResult t, List<float[]> representative) {
    QuantizeJob job = new QuantizeJob(g, t.weights(), representative,
        Map.of("inference_input_type", "float32", "inference_output_type", "float32"),
        Map.of("name", g.name(), "version", 1), null, Progress.NONE);
    return Ptq.run(job, new MicroInterpreterService(), Progress.NONE, Instant.EPOCH);
  }

  private static List<float[]> samples(int[] shape, int count, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<float[]> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(Synthetic.sample(r, (int) TensorData.elementCount(shape)));
    }
    return out;
  }

  private static List<float[]> micro(byte[] model, int[] shape, List<float[]> samples) {
    MicroModel m = MicroRuntime.load(model, "kiln");
    int[] batched = new int[shape.length + 1];
    batched[0] = 1;
    System.arraycopy(shape, 0, batched, 1, shape.length);
    List<float[]> out = new ArrayList<>();
    for (float[] s : samples) {
      out.add(m.run(List.of(TensorData.ofFloat32(batched, s))).get(0).toFloats());
    }
    return out;
  }

  /**
   * Runs the int8 file in Kiln on each sample and checks every op against TFLite 2.20 fed the same
   * op inputs (micro's OpChecker: byte-identical, or a rounding tie of MEAN, CONV_2D or
   * FULLY_CONNECTED recomputed both ways) on the first {@code checked} samples; returns Kiln's
   * outputs for all.
   */
  private static List<float[]> int8CheckedOpByOp(byte[] model, int[] shape, List<float[]> samples, int checked) {
    kiln.micro.OpChecker checker = new kiln.micro.OpChecker();
    kiln.tflite.TfliteModel source = kiln.tflite.TfliteModel.read(model, "int8");
    MicroModel m = MicroRuntime.load(model, "kiln");
    int[] batched = new int[shape.length + 1];
    batched[0] = 1;
    System.arraycopy(shape, 0, batched, 1, shape.length);
    List<float[]> out = new ArrayList<>();
    for (int i = 0; i < samples.size(); i++) {
      out.add(m.run(List.of(TensorData.ofFloat32(batched, samples.get(i)))).get(0).toFloats());
      if (i < checked) {
        checker.check(source, m, "sample " + i);
      }
    }
    assertThat(checker.failures).isEmpty();
    assertThat(checker.stats.keySet()).contains("MEAN", "LOGISTIC", "MUL", "ADD", "RESHAPE");
    return out;
  }

  private static void assertClose(List<float[]> got, List<float[]> want, float tolerance, String what) {
    for (int i = 0; i < want.size(); i++) {
      for (int j = 0; j < want.get(i).length; j++) {
        assertThat(got.get(i)[j]).as("%s: sample %d output %d", what, i, j).isCloseTo(want.get(i)[j], within(tolerance));
      }
    }
  }

  static int argmax(float[] v) {
    int b = 0;
    for (int i = 1; i < v.length; i++) {
      b = v[i] > v[b] ? i : b;
    }
    return b;
  }

  static double agreement(List<float[]> a, List<float[]> b) {
    int same = 0;
    for (int i = 0; i < a.size(); i++) {
      same += argmax(a.get(i)) == argmax(b.get(i)) ? 1 : 0;
    }
    return same / (double) a.size();
  }

  @Test
  void aBcResnetBlockTrainsAndItsExportAgreesWithTensorFlow() {
    int[] shape = {6, 10, 2};
    LayerGraph g = block();
    TrainResult t = train(g, new Synthetic(shape, 32, 16, 1), 6, 0.01);
    List<Double> loss = t.history().get("loss");
    assertThat(loss.get(loss.size() - 1)).as("loss %s", loss).isLessThan(loss.get(0) * 0.8);

    List<float[]> x = samples(shape, 40, 99);
    List<float[]> tf = new TensorFlowTrainer().predict(g, t.weights(), x, List.of()).values().iterator().next();
    double accuracy = 0;
    for (int i = 0; i < x.size(); i++) {
      accuracy += argmax(tf.get(i)) == Synthetic.label(x.get(i), 2) ? 1.0 / x.size() : 0;
    }
    assertThat(accuracy).as("TensorFlow's accuracy on new samples").isGreaterThan(0.75);

    Ptq.Output q = quantize(g, t, samples(shape, 64, 7));
    // float32 file: TFLite 2.20 and Kiln's interpreter compute what TensorFlow computed
    assertClose(TfliteRunner.runAll(q.float32(), x), tf, 1e-5f, "TFLite float32 vs TensorFlow");
    assertClose(micro(q.float32(), shape, x), tf, 1e-5f, "Kiln float32 vs TensorFlow");
    // int8 file: every op as TFLite 2.20 computes it (up to TFLite Micro's rounding of ties, which
    // Kiln follows), and the outputs close to TensorFlow's float outputs
    List<float[]> int8 = int8CheckedOpByOp(q.tflite(), shape, x, x.size());
    assertClose(int8, tf, 0.1f, "Kiln int8 vs TensorFlow float");
    assertThat(agreement(int8, tf)).isGreaterThanOrEqualTo(0.9);
  }

  /**
   * The kws_bc_resnet spec's model (Kiln's 98x40 spectrogram input): one short epoch of training
   * on random spectrogram-shaped input, then the exported float32 file matches TensorFlow in TFLite
   * 2.20 and in Kiln, and the int8 file runs in both.
   */
  @Test
  void kwsBcResnetTrainsQuantizesAndRuns() {
    LayerGraph g = SearchPathModelFinder.standard(ReferenceSpecs::all).load("kws_bc_resnet").buildGraph();
    int[] shape = {98, 40, 1};
    TrainResult t = train12(g, shape);
    assertThat(t.history().get("loss")).allMatch(Double::isFinite);

    List<float[]> x = samples(shape, 6, 31);
    List<float[]> tf = new TensorFlowTrainer().predict(g, t.weights(), x, List.of()).values().iterator().next();
    Ptq.Output q = quantize(g, t, samples(shape, 12, 32));
    assertClose(TfliteRunner.runAll(q.float32(), x), tf, 1e-4f, "TFLite float32 vs TensorFlow");
    assertClose(micro(q.float32(), shape, x), tf, 1e-4f, "Kiln float32 vs TensorFlow");
    List<float[]> int8 = int8CheckedOpByOp(q.tflite(), shape, x, 2);
    assertClose(int8, tf, 0.1f, "Kiln int8 vs TensorFlow float");
  }

  /** Two batches of four random spectrograms with random labels among twelve classes. */
  private TrainResult train12(LayerGraph g, int[] shape) {
    int n = (int) TensorData.elementCount(shape);
    BatchSource data = new BatchSource() {
      private int k;

      @Override
      public int batchesPerEpoch() {
        return 2;
      }

      @Override
      public Batch next() {
        SplittableRandom r = new SplittableRandom(100 + k++);
        float[] xs = new float[4 * n];
        float[] ys = new float[4 * 12];
        for (int i = 0; i < 4; i++) {
          System.arraycopy(Synthetic.sample(r, n), 0, xs, i * n, n);
          ys[i * 12 + r.nextInt(12)] = 1;
        }
        return new Batch(xs, new int[] {4, 98, 40, 1}, ys, new int[] {4, 12}, null);
      }
    };
    return train(g, data, 1, 0.001);
  }
}
