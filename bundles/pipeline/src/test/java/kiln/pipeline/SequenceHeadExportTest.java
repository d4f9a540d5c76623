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
import kiln.api.model.LayerGraph;
import kiln.api.model.QuantizeJob;
import kiln.api.model.TensorData;
import kiln.api.model.TrainJob;
import kiln.api.model.TrainResult;
import kiln.micro.MicroModel;
import kiln.micro.MicroRuntime;
import kiln.micro.internal.MicroInterpreterService;
import kiln.nn.Dense;
import kiln.nn.Input;
import kiln.nn.LastTimeStep;
import kiln.nn.LayerNormalization;
import kiln.nn.Model;
import kiln.nn.Tensor;
import kiln.quantize.internal.Ptq;
import kiln.tensorflow.train.TensorFlowTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * keyword_spotting_numbers' sequence head without its LSTM (LayerNormalization, the last time step,
 * a dense layer, LayerNormalization, softmax) from training to the int8 file: TensorFlow trains it,
 * the quantizer writes float32 and int8 files, and TFLite 2.20 (the independent reference) and
 * Kiln's interpreter run them against TensorFlow's own float outputs.
 */
class SequenceHeadExportTest {
  @TempDir Path dir;

  static LayerGraph head() {
    Tensor x = Input.of(6, 2);
    Tensor y = new LastTimeStep().apply(new LayerNormalization().apply(x));
    y = new LayerNormalization().apply(new Dense(2).apply(y));
    return new Model("sequence_head", x, new kiln.nn.Activation("softmax").apply(y)).toGraph();
  }

  @Test
  void theHeadTrainsAndItsExportAgreesWithTensorFlow() {
    int[] shape = {6, 2};
    LayerGraph g = head();
    // class 1 when the first channel's sum is above the second's; only the last row reaches the
    // dense layer, so the loss falls without reaching zero
    Map<String, Object> settings = new LinkedHashMap<>(Map.of("epochs", 4,
        "optimizer", kw("name", "adam", "learning_rate", 0.01, "epsilon", 1e-8), "loss", "categorical_crossentropy",
        "metrics", List.of("accuracy")));
    TrainResult t = new TensorFlowTrainer().train(new TrainJob(g, settings,
        new BcResnetExportTest.Synthetic(shape, 16, 16, 3), null, null, 0, dir, 5, Progress.NONE));
    List<Double> loss = t.history().get("loss");
    assertThat(loss).allMatch(Double::isFinite);
    assertThat(loss.get(loss.size() - 1)).as("loss %s", loss).isLessThan(loss.get(0));

    List<float[]> x = samples(shape, 40, 99);
    List<float[]> tf = new TensorFlowTrainer().predict(g, t.weights(), x, List.of()).values().iterator().next();
    QuantizeJob job = new QuantizeJob(g, t.weights(), samples(shape, 64, 7),
        Map.of("inference_input_type", "float32", "inference_output_type", "float32"),
        Map.of("name", g.name(), "version", 1), null, Progress.NONE);
    Ptq.Output q = Ptq.run(job, new MicroInterpreterService(), Progress.NONE, Instant.EPOCH);
    // 1e-4: the second normalization of two values divides by a small spread, so float rounding
    // (TFLite's RSQRT against TensorFlow's) shows at about 1e-5
    assertClose(TfliteRunner.runAll(q.float32(), x), tf, 1e-4f, "TFLite float32 vs TensorFlow");
    assertClose(run(q.float32(), shape, x), tf, 1e-4f, "Kiln float32 vs TensorFlow");
    // int8: TFLite 2.20 runs the file and Kiln agrees with it; both stay near TensorFlow's floats
    List<float[]> int8 = run(q.tflite(), shape, x);
    assertClose(int8, TfliteRunner.runAll(q.tflite(), x), 2.01f / 256, "Kiln int8 vs TFLite int8");
    // a normalization over two values is nearly a sign function of their difference, so a sample
    // whose difference int8 rounds across zero flips: compare the classes and the mean error
    assertThat(BcResnetExportTest.agreement(int8, tf)).isGreaterThanOrEqualTo(0.85);
    double error = 0;
    for (int i = 0; i < x.size(); i++) {
      for (int j = 0; j < 2; j++) {
        error += Math.abs(int8.get(i)[j] - tf.get(i)[j]) / (2.0 * x.size());
      }
    }
    assertThat(error).as("mean |int8 - float|").isLessThan(0.06);
  }

  private static List<float[]> samples(int[] shape, int count, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<float[]> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(BcResnetExportTest.Synthetic.sample(r, (int) TensorData.elementCount(shape)));
    }
    return out;
  }

  private static List<float[]> run(byte[] model, int[] shape, List<float[]> samples) {
    MicroModel m = MicroRuntime.load(model, "kiln");
    List<float[]> out = new ArrayList<>();
    for (float[] s : samples) {
      out.add(m.run(List.of(TensorData.ofFloat32(new int[] {1, shape[0], shape[1]}, s))).get(0).toFloats());
    }
    return out;
  }

  private static void assertClose(List<float[]> got, List<float[]> want, float tolerance, String what) {
    for (int i = 0; i < want.size(); i++) {
      for (int j = 0; j < want.get(i).length; j++) {
        assertThat(got.get(i)[j]).as("%s: sample %d output %d", what, i, j).isCloseTo(want.get(i)[j], within(tolerance));
      }
    }
  }
}
