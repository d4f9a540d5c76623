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
import kiln.nn.BatchNormalization;
import kiln.nn.Concatenate;
import kiln.nn.Conv2D;
import kiln.nn.Dense;
import kiln.nn.Flatten;
import kiln.nn.Input;
import kiln.nn.Layer;
import kiln.nn.Model;
import kiln.nn.Tensor;
import kiln.quantize.internal.Ptq;
import kiln.spec.SearchPathModelFinder;
import kiln.tensorflow.train.TensorFlowTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Siamese model (one tower's layers applied to two inputs, a contrastive loss on a sigmoid
 * similarity) from training to the int8 file: TensorFlow trains the shared weights (the loss
 * falls), and the two-input float32 and int8 files run in TFLite 2.20 and in Kiln. TensorFlow's
 * own float outputs are compared through its validation loss: the contrastive loss of Kiln's
 * float32 outputs on the same pairs must equal it.
 */
class SiameseExportTest {
  @TempDir Path dir;

  /** Pairs of noisy (h, w) images of one of four random patterns; label 1 when the patterns match. */
  static final class Pairs implements BatchSource {
    private final int[] shape;
    private final int batches;
    private final int size;
    private final long seed;
    private final float[][] patterns;
    private int k;

    Pairs(int[] shape, int batches, int size, long seed) {
      this.shape = shape;
      this.batches = batches;
      this.size = size;
      this.seed = seed;
      SplittableRandom r = new SplittableRandom(42);
      int n = (int) TensorData.elementCount(shape);
      patterns = new float[4][n];
      for (float[] p : patterns) {
        for (int i = 0; i < n; i++) {
          p[i] = r.nextBoolean() ? 1f : -1f;
        }
      }
    }

    @Override
    public int batchesPerEpoch() {
      return batches;
    }

    @Override
    public Batch next() {
      SplittableRandom r = new SplittableRandom(seed * 1000 + (k++ % batches));
      int n = patterns[0].length;
      float[] x = new float[size * 2 * n];
      float[] y = new float[size];
      for (int i = 0; i < size; i++) {
        int a = r.nextInt(4);
        boolean same = i % 2 == 0;
        int b = same ? a : (a + 1 + r.nextInt(3)) % 4;
        for (int j = 0; j < n; j++) {
          x[i * 2 * n + j] = patterns[a][j] + (float) r.nextGaussian() * 0.5f;
          x[i * 2 * n + n + j] = patterns[b][j] + (float) r.nextGaussian() * 0.5f;
        }
        y[i] = same ? 1 : 0;
      }
      return new Batch(x, new int[] {size, 2 * n}, y, new int[] {size, 1}, null);
    }
  }

  static LayerGraph smallSiamese() {
    List<Layer> tower = List.of(new BatchNormalization(), new Conv2D(kw("filters", 2, "kernel_size", 3,
        "activation", "tanh")), new Flatten(), new Dense(kw("units", 4, "activation", "tanh")));
    Tensor a = Input.of(6, 6, 1);
    Tensor b = Input.of(6, 6, 1);
    Tensor x = new Concatenate().apply(embed(tower, a), embed(tower, b));
    x = new Dense(kw("units", 8, "activation", "relu")).apply(x);
    Tensor out = new Dense(kw("units", 1, "activation", "sigmoid")).apply(x);
    return new Model("small_siamese", List.of(a, b), List.of(out)).toGraph();
  }

  private static Tensor embed(List<Layer> tower, Tensor x) {
    for (Layer l : tower) {
      x = l.apply(x);
    }
    return x;
  }

  private TrainResult train(LayerGraph g, BatchSource train, BatchSource validation, int epochs) {
    Map<String, Object> settings = new LinkedHashMap<>(Map.of("epochs", epochs,
        "optimizer", kw("name", "rmsprop", "learning_rate", 0.01), "loss", "contrastive"));
    return new TensorFlowTrainer().train(new TrainJob(g, settings, train, validation, null, 0, dir, 3, Progress.NONE));
  }

  private static Ptq.Output quantize(LayerGraph g, TrainResult t, List<float[]> representative) {
    QuantizeJob job = new QuantizeJob(g, t.weights(), representative,
        Map.of("inference_input_type", "float32", "inference_output_type", "float32"),
        Map.of("name", g.name(), "version", 1), null, Progress.NONE);
    return Ptq.run(job, new MicroInterpreterService(), Progress.NONE, Instant.EPOCH);
  }

  /** The batch's samples as (first image, second image) pairs. */
  private static List<float[][]> pairs(Batch b) {
    int n = b.xShape()[1] / 2;
    List<float[][]> out = new ArrayList<>();
    for (int i = 0; i < b.size(); i++) {
      out.add(new float[][] {java.util.Arrays.copyOfRange(b.x(), i * 2 * n, i * 2 * n + n),
          java.util.Arrays.copyOfRange(b.x(), i * 2 * n + n, (i + 1) * 2 * n)});
    }
    return out;
  }

  private static float[] micro(MicroModel m, int[] shape, float[][] pair) {
    int[] batched = {1, shape[0], shape[1], shape[2]};
    return m.run(List.of(TensorData.ofFloat32(batched, pair[0]), TensorData.ofFloat32(batched, pair[1]))).get(0)
        .toFloats();
  }

  /** MLTK's contrastive loss of one prediction (margin 1). */
  static double contrastive(double p, double y) {
    return (1 - y) * p * p + y * Math.pow(Math.max(1 - p, 0), 2);
  }

  /** Checks both files on the validation pairs; returns the mean contrastive loss of Kiln's float32 outputs. */
  private static double checkFiles(Ptq.Output q, int[] shape, Batch validation) {
    MicroModel kilnFloat = MicroRuntime.load(q.float32(), "float32");
    MicroModel kilnInt8 = MicroRuntime.load(q.tflite(), "int8");
    kiln.micro.OpChecker checker = new kiln.micro.OpChecker();
    kiln.tflite.TfliteModel int8Source = kiln.tflite.TfliteModel.read(q.tflite(), "int8");
    double loss = 0;
    List<float[][]> pairs = pairs(validation);
    try (TfliteRunner tfliteFloat = new TfliteRunner(q.float32())) {
      for (int i = 0; i < pairs.size(); i++) {
        float[] f = micro(kilnFloat, shape, pairs.get(i));
        float[] ref = tfliteFloat.runFloat(pairs.get(i)[0], pairs.get(i)[1]);
        assertThat(f[0]).as("float32 pair %d: Kiln vs TFLite 2.20", i).isCloseTo(ref[0], within(1e-5f));
        float[] int8 = micro(kilnInt8, shape, pairs.get(i));
        if (i < 4) {
          checker.check(int8Source, kilnInt8, "pair " + i);
        }
        assertThat(int8[0]).as("int8 pair %d vs float", i).isCloseTo(f[0], within(0.05f));
        loss += contrastive(f[0], validation.y()[i]) / pairs.size();
      }
    }
    assertThat(checker.failures).isEmpty();
    return loss;
  }

  @Test
  void aSiameseModelTrainsSharedWeightsAndItsTwoInputFilesAgree() {
    int[] shape = {6, 6, 1};
    LayerGraph g = smallSiamese();
    Pairs validation = new Pairs(shape, 1, 32, 9);
    TrainResult t = train(g, new Pairs(shape, 16, 16, 1), validation, 5);
    List<Double> loss = t.history().get("loss");
    assertThat(loss.get(loss.size() - 1)).as("loss %s", loss).isLessThan(loss.get(0) * 0.7);
    assertThat(t.weights().asMap()).containsKey("conv2d/kernel").doesNotContainKey("conv2d.1/kernel");

    List<float[]> rep = new ArrayList<>();
    Batch b = new Pairs(shape, 1, 32, 5).next();
    for (float[][] p : pairs(b)) {
      float[] both = new float[p[0].length * 2];
      System.arraycopy(p[0], 0, both, 0, p[0].length);
      System.arraycopy(p[1], 0, both, p[0].length, p[1].length);
      rep.add(both);
    }
    Ptq.Output q = quantize(g, t, rep);
    kiln.tflite.Subgraph sg = kiln.tflite.TfliteModel.read(q.tflite(), "int8").mainSubgraph();
    assertThat(sg.inputs()).hasSize(2);
    double kilnLoss = checkFiles(q, shape, new Pairs(shape, 1, 32, 9).next());
    List<Double> valLoss = t.history().get("val_loss");
    // TensorFlow's validation loss of the final weights, from its own inference outputs
    assertThat(kilnLoss).isCloseTo(valLoss.get(valLoss.size() - 1), within(1e-4));
  }

  /** The siamese_contrastive spec's model: one epoch on random pairs, both files checked. */
  @Test
  void siameseContrastiveTrainsQuantizesAndRuns() {
    LayerGraph g = SearchPathModelFinder.standard(ReferenceSpecs::all).load("siamese_contrastive").buildGraph();
    int[] shape = {28, 28, 1};
    Pairs validation = new Pairs(shape, 1, 8, 9);
    TrainResult t = train(g, new Pairs(shape, 2, 8, 1), validation, 1);
    List<float[]> rep = new ArrayList<>();
    Batch b = new Pairs(shape, 1, 8, 5).next();
    int n = b.xShape()[1];
    for (int i = 0; i < b.size(); i++) {
      rep.add(java.util.Arrays.copyOfRange(b.x(), i * n, (i + 1) * n));
    }
    Ptq.Output q = quantize(g, t, rep);
    double kilnLoss = checkFiles(q, shape, new Pairs(shape, 1, 8, 9).next());
    assertThat(kilnLoss).isCloseTo(t.history().get("val_loss").get(0), within(1e-4));
  }
}
