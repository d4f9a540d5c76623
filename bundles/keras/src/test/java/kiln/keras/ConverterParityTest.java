package kiln.keras;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kiln.api.Progress;
import kiln.api.model.Interpreter;
import kiln.api.model.LayerGraph;
import kiln.api.model.LayerNode;
import kiln.api.model.QuantizeJob;
import kiln.api.model.TensorData;
import kiln.micro.MicroModel;
import kiln.micro.MicroRuntime;
import kiln.quantize.internal.Ptq;
import kiln.tflite.BuiltinOp;
import kiln.tflite.Operator;
import kiln.tflite.Quantization;
import kiln.tflite.Subgraph;
import kiln.tflite.Tensor;
import kiln.tflite.TfliteModel;
import org.junit.jupiter.api.Test;

/**
 * Kiln's int8 quantizer against TensorFlow's converter, measured independently: the FLOAT weights
 * of MLTK's tflite_micro_speech.h5 (never the int8 file) are quantized by Kiln (BatchNormalization
 * folded into the conv, as the converter does), and the int8 weights, per-channel weight scales and
 * int32 biases of every conv/depthwise/dense layer are compared with the .tflite TensorFlow's
 * converter made from the same .h5 (in the same MLTK archive).
 *
 * <p>Biases are quantized with input scale x weight scale, and the input scale of a layer after the
 * first is calibrated from data that MLTK's archive does not hold; so the quantizer is run with the
 * activation ranges TensorFlow recorded in its file ({@link RecordedRanges}). It is also run
 * calibrated on the six fixture clips, and the activation scales and zero points that gives are
 * reported, not asserted (they depend on the calibration data). With TensorFlow's ranges the two
 * int8 files give the same output bytes on the fixture features.
 */
class ConverterParityTest {
  static final Interpreter MICRO = new kiln.micro.internal.MicroInterpreterService();
  static final Map<String, Object> INT8_IO = Map.of("inference_input_type", "int8", "inference_output_type", "int8");
  static final List<BuiltinOp> WEIGHTED = List.of(BuiltinOp.CONV_2D, BuiltinOp.DEPTHWISE_CONV_2D,
      BuiltinOp.FULLY_CONNECTED);

  @Test
  void kilnQuantizesTheH5sFloatWeightsAsTensorFlowsConverterDid() throws Exception {
    MltkArchive a = MltkArchive.read(Fixtures.mltkArchive());
    LayerGraph g = a.model().graph();
    Subgraph tf = TfliteModel.read(a.tflite(), "MLTK's tflite_micro_speech.tflite").mainSubgraph();
    List<float[]> rep = MltkFeatures.dequantized(MltkFeatures.int8(), tf.tensor(tf.inputs()[0]));

    Ptq.Output calibrated = quantize(a, rep, MICRO);
    Ptq.Output recorded = quantize(a, rep, new RecordedRanges(MICRO, tfRanges(calibrated.float32(), tf)));
    Subgraph kiln = TfliteModel.read(recorded.tflite(), "Kiln's int8 file").mainSubgraph();
    assertThat(ops(kiln)).isEqualTo(ops(tf));

    List<LayerNode> layers = g.layers().stream()
        .filter(n -> List.of("Conv2D", "DepthwiseConv2D", "Dense").contains(n.type())).toList();
    List<Integer> weighted = new ArrayList<>();
    for (int i = 0; i < tf.operators().size(); i++) {
      if (WEIGHTED.contains(tf.operators().get(i).op())) {
        weighted.add(i);
      }
    }
    assertThat(weighted).hasSameSizeAs(layers);
    LayerParity all = new LayerParity();
    for (int k = 0; k < layers.size(); k++) {
      Operator ko = kiln.operators().get(weighted.get(k));
      Operator to = tf.operators().get(weighted.get(k));
      LayerParity one = new LayerParity();
      FoldedReference ref = FoldedReference.of(g, a.model().weights(), layers.get(k));
      for (LayerParity p : List.of(one, all)) {
        p.compare(layers.get(k).name(), kiln.inputOf(ko, 1), tf.inputOf(to, 1), kiln.inputOf(ko, 2),
            tf.inputOf(to, 2), ref);
      }
      System.out.println(layers.get(k).name() + " (" + to.op() + "): " + one);
    }
    System.out.println("all layers: " + all);
    // every value is equal or a rounding tie (LayerParity asserts it); the counts are what
    // docs/quantization.md and docs/mltk-interop.md state: change them there if they change here
    assertThat(all.weights).isEqualTo(8 * 10 * 8 + 4 * 4000);
    assertThat(all.biases).isEqualTo(12);
    assertThat(all.weightTies + all.biasTies).as("rounding ties").isZero();
    assertThat(all.scalesEqual).as("weight scales equal to the bit").isEqualTo(6);
    // with TensorFlow's ranges, Kiln derives TensorFlow's activation scales and zero points
    for (int i = 0; i < tf.operators().size(); i++) {
      Quantization k = kiln.outputOf(kiln.operators().get(i), 0).quantization();
      Quantization t = tf.outputOf(tf.operators().get(i), 0).quantization();
      assertThat(k.zeroPoint()).as(tf.operators().get(i).op() + " output zero point").isEqualTo(t.zeroPoint());
      assertThat(Math.abs(Float.floatToIntBits(k.scale()) - Float.floatToIntBits(t.scale())))
          .as(tf.operators().get(i).op() + " output scale " + k.scale() + " / " + t.scale()).isLessThanOrEqualTo(1);
    }
    // and so the two int8 files compute the same bytes on real features
    try (MicroModel km = MicroRuntime.load(recorded.tflite(), "kiln"); MicroModel tm = MicroRuntime.load(a.tflite(), "mltk")) {
      for (byte[] f : MltkFeatures.int8()) {
        TensorData in = TensorData.ofInt8(new int[] {1, 49, 40, 1}, f);
        assertThat(km.run(List.of(in)).get(0).bytes()).isEqualTo(tm.run(List.of(in)).get(0).bytes());
      }
    }
    System.out.println(activationReport(TfliteModel.read(calibrated.tflite(), "kiln").mainSubgraph(), tf));
  }

  static Ptq.Output quantize(MltkArchive a, List<float[]> rep, Interpreter calibration) {
    QuantizeJob job = new QuantizeJob(a.model().graph(), a.model().weights(), rep, INT8_IO, Map.of(), calibration,
        Progress.NONE);
    return Ptq.run(job, calibration, Progress.NONE, Instant.EPOCH);
  }

  /**
   * Kiln float-model tensor index -> the {min, max} TensorFlow recorded for the same activation
   * (op by op: each op's first input and its output).
   */
  static Map<Integer, float[]> tfRanges(byte[] kilnFloat, Subgraph tf) {
    Subgraph k = TfliteModel.read(kilnFloat, "Kiln's float32 file").mainSubgraph();
    assertThat(ops(k)).isEqualTo(ops(tf));
    Map<Integer, float[]> r = new HashMap<>();
    for (int i = 0; i < tf.operators().size(); i++) {
      Operator ko = k.operators().get(i);
      Operator to = tf.operators().get(i);
      r.put(ko.input(0), range(tf.tensor(to.input(0))));
      r.put(ko.output(0), range(tf.tensor(to.output(0))));
    }
    return r;
  }

  /** The range TensorFlow recorded (min/max), else the one its scale and zero point cover. */
  static float[] range(Tensor t) {
    Quantization q = t.quantization();
    if (q.min() != null && q.min().length == 1) {
      return new float[] {q.min()[0], q.max()[0]};
    }
    return new float[] {(-128 - q.zeroPoint()) * q.scale(), (127 - q.zeroPoint()) * q.scale()};
  }

  static List<BuiltinOp> ops(Subgraph s) {
    return s.operators().stream().map(Operator::op).toList();
  }

  /** Activation scale and zero point, Kiln calibrated on the fixture clips against TensorFlow's. */
  static String activationReport(Subgraph kiln, Subgraph tf) {
    StringBuilder sb = new StringBuilder("activations (Kiln calibrated on 6 clips / TensorFlow):\n");
    for (int i = 0; i < tf.operators().size(); i++) {
      Tensor k = kiln.outputOf(kiln.operators().get(i), 0);
      Tensor t = tf.outputOf(tf.operators().get(i), 0);
      sb.append(String.format(Locale.ROOT, "  %-16s scale %.8g / %.8g (%+.1f%%), zero point %d / %d%n",
          tf.operators().get(i).op(), k.quantization().scale(), t.quantization().scale(),
          100 * (k.quantization().scale() / t.quantization().scale() - 1), k.quantization().zeroPoint(),
          t.quantization().zeroPoint()));
    }
    Tensor ki = kiln.tensor(kiln.inputs()[0]);
    Tensor ti = tf.tensor(tf.inputs()[0]);
    sb.append(String.format(Locale.ROOT, "  input            scale %.8g / %.8g, zero point %d / %d%n",
        ki.quantization().scale(), ti.quantization().scale(), ki.quantization().zeroPoint(),
        ti.quantization().zeroPoint()));
    return sb.toString();
  }
}
