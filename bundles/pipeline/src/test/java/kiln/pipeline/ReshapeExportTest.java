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
import kiln.nn.Conv2D;
import kiln.nn.Dense;
import kiln.nn.Flatten;
import kiln.nn.Input;
import kiln.nn.Model;
import kiln.nn.Reshape;
import kiln.nn.Tensor;
import kiln.quantize.internal.Ptq;
import kiln.tensorflow.train.TensorFlowTrainer;
import kiln.tflite.TfliteModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two reshapes that give MLTK's layer counts: an input reshape that only moves a size-1
 * dimension becomes the file's input shape (TENet's (T, 1, F), as in keyword_spotting_alexa's
 * file), and a {@code dynamic_batch} reshape is written SHAPE, STRIDED_SLICE, PACK, RESHAPE (as in
 * anomaly_detection's). Both files compute what TensorFlow computes, in TFLite 2.20 and in Kiln.
 */
class ReshapeExportTest {
  @TempDir Path dir;

  private static final int[] SHAPE = {4, 3, 1};

  /** Random samples whose target is the sample itself (an autoencoder). */
  private static final class Identity implements BatchSource {
    private int k;

    @Override
    public int batchesPerEpoch() {
      return 4;
    }

    @Override
    public Batch next() {
      SplittableRandom r = new SplittableRandom(100 + k++ % 4);
      float[] x = new float[8 * 12];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) (r.nextDouble() * 2 - 1);
      }
      int[] xs = {8, 4, 3, 1};
      return new Batch(x, xs, x.clone(), xs, null);
    }
  }

  private static LayerGraph model() {
    Tensor in = Input.of(SHAPE);
    Tensor x = new Reshape(4, 1, 3).apply(in);
    x = new Conv2D(kw("filters", 5, "kernel_size", List.of(2, 1), "activation", "relu")).apply(x);
    x = new Dense(kw("units", 12)).apply(new Flatten().apply(x));
    Tensor out = new Reshape(kw("target_shape", List.of(4, 3, 1), "dynamic_batch", true)).apply(x);
    return new Model("reshapes", in, out).toGraph();
  }

  private static List<String> opNames(byte[] file) {
    TfliteModel m = TfliteModel.read(file, "reshapes");
    List<String> names = new ArrayList<>();
    m.mainSubgraph().operators().forEach(op -> names.add(op.op().name()));
    return names;
  }

  @Test
  void theInputReshapeFoldsAndTheDynamicBatchReshapeIsWrittenAsTheConverterDid() {
    LayerGraph g = model();
    Map<String, Object> settings = new LinkedHashMap<>(Map.of("epochs", 2, "optimizer", "adam", "loss", "mse"));
    TrainResult t = new TensorFlowTrainer().train(new TrainJob(g, settings, new Identity(), null, null, 0, dir, 5,
        Progress.NONE));
    SplittableRandom r = new SplittableRandom(7);
    List<float[]> x = new ArrayList<>();
    for (int i = 0; i < 212; i++) {
      float[] s = new float[12];
      for (int j = 0; j < s.length; j++) {
        s[j] = (float) (r.nextDouble() * 2 - 1);
      }
      x.add(s);
    }
    List<float[]> tf = new TensorFlowTrainer().predict(g, t.weights(), x.subList(0, 12), List.of()).values().iterator().next();
    QuantizeJob job = new QuantizeJob(g, t.weights(), x.subList(12, 212),
        Map.of("inference_input_type", "float32", "inference_output_type", "float32"),
        Map.of("name", "reshapes", "version", 1), null, Progress.NONE);
    Ptq.Output q = Ptq.run(job, new MicroInterpreterService(), Progress.NONE, Instant.EPOCH);

    assertThat(opNames(q.float32())).containsExactly("CONV_2D", "RESHAPE", "FULLY_CONNECTED", "SHAPE",
        "STRIDED_SLICE", "PACK", "RESHAPE");
    assertThat(opNames(q.tflite())).containsExactly("QUANTIZE", "CONV_2D", "RESHAPE", "FULLY_CONNECTED", "SHAPE",
        "STRIDED_SLICE", "PACK", "RESHAPE", "DEQUANTIZE");
    MicroModel m = MicroRuntime.load(q.float32(), "kiln");
    assertThat(m.inputs().get(0).shape()).containsExactly(1, 4, 1, 3);
    assertThat(m.outputs().get(0).shape()).containsExactly(1, 4, 3, 1);

    List<float[]> tflite = TfliteRunner.runAll(q.float32(), x.subList(0, 12));
    for (int i = 0; i < 12; i++) {
      float[] kiln = m.run(List.of(TensorData.ofFloat32(new int[] {1, 4, 3, 1}, x.get(i)))).get(0).toFloats();
      for (int j = 0; j < 12; j++) {
        assertThat(tflite.get(i)[j]).as("TFLite float, sample %d value %d", i, j).isCloseTo(tf.get(i)[j], within(1e-5f));
        assertThat(kiln[j]).as("Kiln float, sample %d value %d", i, j).isCloseTo(tf.get(i)[j], within(1e-5f));
      }
    }
    // int8: every op as TFLite 2.20 computes it, on samples the calibration did not see
    kiln.micro.OpChecker checker = new kiln.micro.OpChecker();
    TfliteModel source = TfliteModel.read(q.tflite(), "int8");
    MicroModel m8 = MicroRuntime.load(q.tflite(), "kiln");
    for (int i = 0; i < 12; i++) {
      float[] out = m8.run(List.of(TensorData.ofFloat32(new int[] {1, 4, 3, 1}, x.get(i)))).get(0).toFloats();
      checker.check(source, m8, "sample " + i);
      for (int j = 0; j < 12; j++) {
        assertThat(out[j]).as("Kiln int8, sample %d value %d", i, j).isCloseTo(tf.get(i)[j], within(0.1f));
      }
    }
    assertThat(checker.failures).isEmpty();
    assertThat(checker.stats.keySet()).contains("SHAPE", "STRIDED_SLICE", "PACK", "RESHAPE");
  }
}
