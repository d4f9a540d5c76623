package kiln.quantize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kiln.api.Progress;
import kiln.api.model.LayerGraph;
import kiln.api.model.QuantizeJob;
import kiln.api.model.TensorData;
import kiln.api.model.TensorSpec;
import kiln.api.model.Weights;
import kiln.evaluate.ModelOutputs;
import kiln.micro.MicroModel;
import kiln.micro.MicroRuntime;
import kiln.nn.Input;
import kiln.nn.LastTimeStep;
import kiln.nn.Model;
import kiln.nn.Tensor;
import kiln.quantize.internal.Ptq;
import kiln.spec.KilnModel;
import kiln.tflite.TfliteModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file the quantizer writes loads in TFLite 2.20 and gives byte-identical outputs to Kiln's
 * interpreter; the int8 model agrees with the float model.
 */
class OracleAgreementTest {
  @TempDir Path empty;

  record Case(String name, byte[] int8, byte[] float32, List<float[]> samples) {}

  static Case quantize(LayerGraph g, List<float[]> samples, String io) {
    Weights w = TestModels.randomWeights(g, 11);
    QuantizeJob job = new QuantizeJob(g, w, samples,
        Map.of("inference_input_type", io, "inference_output_type", io),
        Map.of("name", g.name(), "version", 1));
    Ptq.Output out = Ptq.run(job, TestModels.MICRO, Progress.NONE, Instant.EPOCH);
    return new Case(g.name(), out.tflite(), out.float32(), samples);
  }

  /** Runs both interpreters on every sample; returns the micro runtime's outputs (as floats). */
  static List<float[]> assertIdentical(byte[] model, List<float[]> samples, String label) {
    MicroModel micro = MicroRuntime.load(model, label);
    TensorSpec in = micro.inputs().get(0);
    List<float[]> outs = new ArrayList<>();
    try (TfliteOracle oracle = new TfliteOracle(model)) {
      int k = 0;
      for (float[] s : samples) {
        TensorData x = ModelOutputs.quantize(s, in);
        TensorData y = micro.run(List.of(x)).get(0);
        byte[] ref = oracle.run(x.bytes(), 1).get(0);
        assertThat(y.bytes()).as(label + " sample " + k).isEqualTo(ref);
        outs.add(ModelOutputs.dequantize(y, micro.outputs().get(0)));
        k++;
      }
    }
    return outs;
  }

  /**
   * Like {@link #assertIdentical} for models whose ops round some ties differently in TFLite 2.20:
   * every output within {@code tolerance} of TFLite's and at least {@code identicalShare} of the
   * samples byte-identical.
   */
  static List<float[]> assertNearlyIdentical(byte[] model, List<float[]> samples, String label, float tolerance,
      double identicalShare) {
    MicroModel micro = MicroRuntime.load(model, label);
    TensorSpec in = micro.inputs().get(0);
    TensorSpec outSpec = micro.outputs().get(0);
    List<float[]> outs = new ArrayList<>();
    int identical = 0;
    try (TfliteOracle oracle = new TfliteOracle(model)) {
      for (int k = 0; k < samples.size(); k++) {
        TensorData x = ModelOutputs.quantize(samples.get(k), in);
        TensorData y = micro.run(List.of(x)).get(0);
        byte[] ref = oracle.run(x.bytes(), 1).get(0);
        identical += java.util.Arrays.equals(y.bytes(), ref) ? 1 : 0;
        float[] got = ModelOutputs.dequantize(y, outSpec);
        float[] want = ModelOutputs.dequantize(new TensorData(y.type(), y.shape(), ref), outSpec);
        for (int j = 0; j < got.length; j++) {
          assertThat(got[j]).as(label + " sample " + k + " output " + j)
              .isCloseTo(want[j], org.assertj.core.data.Offset.offset(tolerance));
        }
        outs.add(got);
      }
    }
    assertThat(identical).as(label + ": byte-identical samples").isGreaterThanOrEqualTo(
        (int) Math.ceil(identicalShare * samples.size()));
    return outs;
  }

  static List<float[]> floatOutputs(byte[] float32, List<float[]> samples) {
    MicroModel m = MicroRuntime.load(float32, "float32");
    List<float[]> r = new ArrayList<>();
    for (float[] s : samples) {
      r.add(m.run(List.of(TensorData.ofFloat32(m.inputs().get(0).shape(), s))).get(0).toFloats());
    }
    return r;
  }

  static int argmax(float[] v) {
    int b = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[b]) {
        b = i;
      }
    }
    return b;
  }

  static double maxAbs(List<float[]> a, List<float[]> b) {
    double m = 0;
    for (int i = 0; i < a.size(); i++) {
      for (int j = 0; j < a.get(i).length; j++) {
        m = Math.max(m, Math.abs(a.get(i)[j] - b.get(i)[j]));
      }
    }
    return m;
  }

  @Test
  void microSpeechLayoutInt8IoRunsIdenticallyInTflite() {
    KilnModel spec = TestModels.spec("tflite_micro_speech", empty);
    Case c = quantize(spec.buildGraph(), TestModels.int8Samples(30, 49 * 40, 3), "int8");
    List<float[]> q = assertIdentical(c.int8(), c.samples(), "tflite_micro_speech int8");
    List<float[]> f = floatOutputs(c.float32(), c.samples());
    // random weights on noise give near-ties between classes: compare the decisions
    assertThat(agreement(q, f)).isGreaterThanOrEqualTo(0.9);
  }

  static double agreement(List<float[]> q, List<float[]> f) {
    int agree = 0;
    for (int i = 0; i < q.size(); i++) {
      agree += argmax(q.get(i)) == argmax(f.get(i)) ? 1 : 0;
    }
    return agree / (double) q.size();
  }

  @Test
  void residualModelFloatIoRunsIdenticallyAndAgreesWithFloat() {
    Case c = quantize(SmallModels.residual(), TestModels.floatSamples(60, 16 * 16 * 3, 5), "float32");
    TfliteModel m = TfliteModel.read(c.int8(), "residual");
    assertThat(m.mainSubgraph().operators()).extracting(op -> op.op().name()).containsExactly(
        "QUANTIZE", "PAD", "CONV_2D", "DEPTHWISE_CONV_2D", "CONV_2D", "ADD", "MAX_POOL_2D",
        "AVERAGE_POOL_2D", "CONCATENATION", "DEPTHWISE_CONV_2D", "CONV_2D", "MEAN",
        "FULLY_CONNECTED", "FULLY_CONNECTED", "SOFTMAX", "DEQUANTIZE");
    List<float[]> q = assertIdentical(c.int8(), c.samples(), "residual int8");
    List<float[]> f = floatOutputs(c.float32(), c.samples());
    assertThat(agreement(q, f)).isGreaterThanOrEqualTo(0.9);
    assertThat(maxAbs(q, f)).isLessThan(0.06);
  }

  @Test
  void sequenceModelRunsIdentically() {
    Case c = quantize(SmallModels.sequence(), TestModels.floatSamples(40, 32 * 4, 6), "float32");
    List<float[]> q = assertIdentical(c.int8(), c.samples(), "sequence int8");
    assertThat(maxAbs(q, floatOutputs(c.float32(), c.samples()))).isLessThan(0.05);
  }

  /**
   * 1-D pooling lowers as the TensorFlow converter lowers it in MLTK's conv1d_example summary:
   * reshape to (L, 1, C), a (k x 1) pool, reshape back; TFLite runs the file identically.
   */
  @Test
  void pooling1dLowersLikeTheConverterAndRunsIdentically() {
    Case c = quantize(SmallModels.pooled1d(), TestModels.floatSamples(40, 16 * 3, 10), "float32");
    TfliteModel m = TfliteModel.read(c.int8(), "pooled1d");
    assertThat(m.mainSubgraph().operators()).extracting(op -> op.op().name()).containsExactly(
        "QUANTIZE", "RESHAPE", "CONV_2D", "RESHAPE", "RESHAPE", "MAX_POOL_2D", "RESHAPE", "RESHAPE",
        "AVERAGE_POOL_2D", "RESHAPE", "RESHAPE", "FULLY_CONNECTED", "SOFTMAX", "DEQUANTIZE");
    kiln.tflite.Subgraph g = m.mainSubgraph();
    kiln.tflite.Operator max = g.operators().get(5);
    assertThat(max.options()).isEqualTo(new kiln.tflite.options.Pool2DOptions(kiln.tflite.options.Padding.VALID,
        1, 2, 1, 2, kiln.tflite.options.Activation.NONE));
    assertThat(g.inputOf(max, 0).shape()).containsExactly(1, 16, 1, 4);
    assertThat(g.outputOf(max, 0).shape()).containsExactly(1, 8, 1, 4);
    assertThat(g.outputOf(g.operators().get(8), 0).shape()).containsExactly(1, 4, 1, 4);
    List<float[]> q = assertIdentical(c.int8(), c.samples(), "pooled1d int8");
    assertThat(maxAbs(q, floatOutputs(c.float32(), c.samples()))).isLessThan(0.05);
  }

  /**
   * BC-ResNet's block lowers as the converter writes it: sub-spectral normalization as RESHAPE, MUL,
   * ADD, RESHAPE; the frequency mean as MEAN; swish as LOGISTIC then MUL; the broadcast residual as
   * two ADDs (the last with the ReLU fused); the batch norm after the temporal depthwise conv folded
   * into it; spatial dropout gone. TFLite 2.20 runs the file byte-identically.
   */
  @Test
  void broadcastResidualBlockLowersLikeTheConverterAndRunsIdentically() {
    Case c = quantize(SmallModels.broadcastResidual(), TestModels.floatSamples(40, 6 * 10 * 4, 12), "float32");
    TfliteModel m = TfliteModel.read(c.int8(), "broadcast_residual");
    kiln.tflite.Subgraph g = m.mainSubgraph();
    assertThat(g.operators()).extracting(op -> op.op().name()).containsExactly(
        "QUANTIZE", "DEPTHWISE_CONV_2D", "RESHAPE", "MUL", "ADD", "RESHAPE", "MEAN", "DEPTHWISE_CONV_2D",
        "LOGISTIC", "MUL", "CONV_2D", "ADD", "ADD", "MEAN", "FULLY_CONNECTED", "SOFTMAX", "DEQUANTIZE");
    kiln.tflite.Operator firstAdd = g.operators().get(11);
    assertThat(g.inputOf(firstAdd, 0).shape()).containsExactly(1, 6, 1, 4);
    assertThat(g.inputOf(firstAdd, 1).shape()).containsExactly(1, 6, 10, 4);
    assertThat(g.operators().get(12).options()).isEqualTo(
        new kiln.tflite.options.AddOptions(kiln.tflite.options.Activation.RELU));
    assertThat(g.inputOf(g.operators().get(3), 0).shape()).containsExactly(1, 6, 2, 20);
    assertThat(g.inputOf(g.operators().get(3), 1).shape()).containsExactly(20);
    // the two MEANs round ties differently in TFLite 2.20 and TFLite Micro (docs/micro-runtime.md);
    // Kiln follows TFLite Micro, so a few samples may differ by a step of the softmax (1/256)
    List<float[]> q = assertNearlyIdentical(c.int8(), c.samples(), "broadcast_residual int8", 1.01f / 256, 0.8);
    List<float[]> f = floatOutputs(c.float32(), c.samples());
    assertThat(maxAbs(q, f)).isLessThan(0.05);
  }

  /**
   * LayerNormalization lowers as the converter writes tf.nn.batch_normalization with the sample's
   * moments; the int8 file runs in TFLite 2.20 like Kiln's interpreter (the two MEANs may round ties
   * differently) and agrees with the float model.
   */
  @Test
  void layerNormalizationLowersToMomentOpsAndRunsInTflite() {
    Case c = quantize(SmallModels.layerNormed(), TestModels.floatSamples(40, 6 * 8, 13), "float32");
    kiln.tflite.Subgraph g = TfliteModel.read(c.int8(), "layer_normed").mainSubgraph();
    assertThat(g.operators()).extracting(op -> op.op().name()).containsExactly(
        "QUANTIZE", "MEAN", "SQUARED_DIFFERENCE", "MEAN", "ADD", "RSQRT", "MUL", "MUL", "MUL", "SUB", "ADD",
        "RESHAPE", "FULLY_CONNECTED", "SOFTMAX", "DEQUANTIZE");
    List<float[]> q = assertNearlyIdentical(c.int8(), c.samples(), "layer_normed int8", 2.01f / 256, 0.8);
    assertThat(maxAbs(q, floatOutputs(c.float32(), c.samples()))).isLessThan(0.05);
  }

  /**
   * The float32 file of a lone LayerNormalization, run by TFLite 2.20, gives Keras' formula computed
   * here in double: (x - mean) / sqrt(var + 0.001) * gamma + beta per row of 8.
   */
  @Test
  void layerNormalizationFloat32FileMatchesTheFormulaInTflite() {
    LayerGraph graph = SmallModels.layerNormOnly();
    Case c = quantize(graph, TestModels.floatSamples(3, 4 * 8, 17), "float32");
    Weights w = TestModels.randomWeights(graph, 11);
    float[] gamma = w.get("layer_normalization/gamma").toFloats();
    float[] beta = w.get("layer_normalization/beta").toFloats();
    try (TfliteOracle oracle = new TfliteOracle(c.float32())) {
      for (float[] x : c.samples()) {
        byte[] out = oracle.run(TensorData.ofFloat32(new int[] {x.length}, x).bytes(), 1).get(0);
        float[] y = new TensorData(kiln.api.model.ElementType.FLOAT32, new int[] {out.length / 4}, out).toFloats();
        for (int r = 0; r < 4; r++) {
          double mean = 0;
          for (int j = 0; j < 8; j++) {
            mean += x[r * 8 + j] / 8.0;
          }
          double var = 0;
          for (int j = 0; j < 8; j++) {
            var += (x[r * 8 + j] - mean) * (x[r * 8 + j] - mean) / 8.0;
          }
          for (int j = 0; j < 8; j++) {
            double want = (x[r * 8 + j] - mean) / Math.sqrt(var + 0.001) * gamma[j] + beta[j];
            assertThat((double) y[r * 8 + j]).as("row " + r + " element " + j)
                .isCloseTo(want, org.assertj.core.data.Offset.offset(1e-4 + 1e-4 * Math.abs(want)));
          }
        }
      }
    }
  }

  /**
   * LastTimeStep lowers as the converter writes x[:, -1, :] (STRIDED_SLICE, begin (0, -1, 0), end
   * (0, 0, 0), masks 0b101, time axis shrunk); its int8 output keeps its input's quantization, and
   * the int8 file runs in TFLite 2.20 like Kiln's interpreter.
   */
  @Test
  void lastTimeStepLowersToAShrinkingStridedSlice() {
    Case c = quantize(SmallModels.lastStep(), TestModels.floatSamples(40, 5 * 4, 19), "float32");
    kiln.tflite.Subgraph g = TfliteModel.read(c.int8(), "last_step").mainSubgraph();
    assertThat(g.operators()).extracting(op -> op.op().name()).containsExactly(
        "QUANTIZE", "MEAN", "SQUARED_DIFFERENCE", "MEAN", "ADD", "RSQRT", "MUL", "MUL", "MUL", "SUB", "ADD",
        "STRIDED_SLICE", "FULLY_CONNECTED", "SOFTMAX", "DEQUANTIZE");
    kiln.tflite.Operator slice = g.operators().get(11);
    assertThat(slice.options()).isEqualTo(new kiln.tflite.options.StridedSliceOptions(5, 5, 0, 0, 2, false));
    assertThat(g.inputOf(slice, 0).shape()).containsExactly(1, 5, 4);
    assertThat(g.outputOf(slice, 0).shape()).containsExactly(1, 4);
    assertThat(g.outputOf(slice, 0).quantization()).isEqualTo(g.inputOf(slice, 0).quantization());
    List<float[]> q = assertNearlyIdentical(c.int8(), c.samples(), "last_step int8", 2.01f / 256, 0.8);
    assertThat(maxAbs(q, floatOutputs(c.float32(), c.samples()))).isLessThan(0.05);
  }

  /** A lone LastTimeStep's float32 file in TFLite 2.20 returns the input's last row exactly. */
  @Test
  void lastTimeStepFloat32FileReturnsTheLastRowInTflite() {
    Tensor x = Input.of(3, 4);
    LayerGraph graph = new Model("last_only", x, new LastTimeStep().apply(x)).toGraph();
    Case c = quantize(graph, TestModels.floatSamples(2, 12, 23), "float32");
    try (TfliteOracle oracle = new TfliteOracle(c.float32())) {
      for (float[] s : c.samples()) {
        byte[] out = oracle.run(TensorData.ofFloat32(new int[] {s.length}, s).bytes(), 1).get(0);
        float[] y = new TensorData(kiln.api.model.ElementType.FLOAT32, new int[] {out.length / 4}, out).toFloats();
        assertThat(y).containsExactly(s[8], s[9], s[10], s[11]);
      }
    }
  }

  @Test
  void decoderModelRunsIdentically() {
    Case c = quantize(SmallModels.decoder(), TestModels.floatSamples(30, 6 * 6 * 2, 8), "int8");
    List<float[]> q = assertIdentical(c.int8(), c.samples(), "decoder int8");
    assertThat(maxAbs(q, floatOutputs(c.float32(), c.samples()))).isLessThan(0.05);
  }

  @Test
  void float32FilesLoadInTfliteAndMatchTheMicroFloatKernels() {
    for (LayerGraph g : List.of(SmallModels.residual(), SmallModels.sequence(), SmallModels.pooled1d(),
        SmallModels.decoder(), SmallModels.broadcastResidual(), SmallModels.layerNormed(), SmallModels.lastStep())) {
      Case c = quantize(g, TestModels.floatSamples(5, TestModels.inputSize(g), 9), "float32");
      List<float[]> micro = floatOutputs(c.float32(), c.samples());
      try (TfliteOracle oracle = new TfliteOracle(c.float32())) {
        for (int i = 0; i < c.samples().size(); i++) {
          float[] ref = TensorData.ofFloat32(new int[] {c.samples().get(i).length}, c.samples().get(i)).toFloats();
          byte[] out = oracle.run(TensorData.ofFloat32(new int[] {ref.length}, ref).bytes(), 1).get(0);
          float[] r = new TensorData(kiln.api.model.ElementType.FLOAT32, new int[] {out.length / 4}, out).toFloats();
          for (int j = 0; j < r.length; j++) {
            assertThat(micro.get(i)[j]).as(g.name() + " float32 output " + j).isCloseTo(r[j],
                org.assertj.core.data.Offset.offset(1e-4f + 1e-4f * Math.abs(r[j])));
          }
        }
      }
    }
  }
}
