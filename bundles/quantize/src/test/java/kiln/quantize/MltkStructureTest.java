package kiln.quantize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import kiln.spec.QuantizeJobs;
import kiln.api.Progress;
import kiln.api.model.LayerGraph;
import kiln.api.model.Weights;
import kiln.quantize.internal.Ptq;
import kiln.spec.KilnModel;
import kiln.tflite.ModelFiles;
import kiln.tflite.Operator;
import kiln.tflite.Quantization;
import kiln.tflite.Subgraph;
import kiln.tflite.Tensor;
import kiln.tflite.TfliteModel;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kiln's int8 file for seed 004's layout against the one MLTK made with the TensorFlow converter. */
class MltkStructureTest {
  @TempDir static Path empty;
  static TfliteModel kiln;
  static byte[] kilnBytes;
  static Ptq.Output out;

  @BeforeAll
  static void quantize() {
    KilnModel spec = TestModels.spec("tflite_micro_speech", empty);
    LayerGraph g = spec.buildGraph();
    Weights w = TestModels.randomWeights(g, 4);
    out = Ptq.run(QuantizeJobs.of(spec, g, w, TestModels.int8Samples(40, 49 * 40, 7)), TestModels.MICRO, Progress.NONE,
        Instant.parse("2026-01-01T00:00:00Z"));
    kilnBytes = out.tflite();
    kiln = TfliteModel.read(kilnBytes, "kiln tflite_micro_speech.tflite");
  }

  static TfliteModel mltk() {
    Path zip = TestModels.fixtures().resolve("mltk/tflite_micro_speech.mltk.zip");
    Assumptions.assumeTrue(zip.toFile().isFile(), "fixtures not found at " + zip.toAbsolutePath());
    return TfliteModel.read(ModelFiles.readTflite(zip), "tflite_micro_speech.mltk.zip");
  }

  @Test
  void sameOperatorsVersionsAndOptionsAsMltk() {
    assertThat(ops(kiln)).containsExactlyElementsOf(ops(mltk())).containsExactly(
        "CONV_2D v3 Conv2DOptions[padding=SAME, strideW=2, strideH=2, activation=RELU, dilationW=1, dilationH=1, quantizedBiasType=0]",
        "RESHAPE v1 null",
        "FULLY_CONNECTED v4 FullyConnectedOptions[activation=NONE, weightsFormat=0, keepNumDims=false, asymmetricQuantizeInputs=false, quantizedBiasType=0]",
        "SOFTMAX v2 SoftmaxOptions[beta=1.0]");
  }

  @Test
  void sameTensorsTypesShapesAndQuantizationSchemeAsMltk() {
    List<String> mine = tensors(kiln);
    assertThat(mine).containsExactlyInAnyOrderElementsOf(tensors(mltk()));
    assertThat(mine).contains(
        "INT8 8x10x8x1 const per-channel(8, dim 0, zp 0)",
        "INT32 8 const per-channel(8, dim 0, zp 0)",
        "INT8 4x4000 const per-tensor(zp 0)",
        "INT32 4 const per-tensor(zp 0)",
        "INT8 1x49x40x1 per-tensor",
        "INT32 2 const none");
  }

  @Test
  void fixedQuantizationOfInputAndSoftmaxLikeMltk() {
    Subgraph g = kiln.mainSubgraph();
    Tensor in = g.tensor(g.inputs()[0]);
    Tensor sm = g.tensor(g.outputs()[0]);
    // int8 features span [-128, 127]: scale 1, zero point 0, as in MLTK's file
    assertThat(in.quantization().scale()).isEqualTo(1.0f);
    assertThat(in.quantization().zeroPoint()).isZero();
    assertThat(sm.quantization().scale()).isEqualTo(1f / 256);
    assertThat(sm.quantization().zeroPoint()).isEqualTo(-128);
    // bias scale = input scale x weight scale, per channel
    Tensor bias = g.tensor(g.operators().get(0).input(2));
    Tensor weights = g.tensor(g.operators().get(0).input(1));
    for (int c = 0; c < 8; c++) {
      assertThat(bias.quantization().scales()[c]).isEqualTo(1.0f * weights.quantization().scales()[c]);
    }
  }

  @Test
  void sameParameterKeysInMltkOrder() {
    assertThat(kiln.parameters().keys()).containsExactlyElementsOf(mltk().parameters().keys());
    assertThat(kiln.parameters().get("name")).isEqualTo("tflite_micro_speech");
    assertThat(kiln.description()).isEqualTo("TFLite-Micro speech");
    assertThat(kiln.parameters().get("runtime_memory_size")).isEqualTo((long) out.runtimeMemorySize());
    assertThat(kiln.parameters().getString("date")).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(kiln.parameters().getString("hash")).hasSize(32);
  }

  @Test
  void fileSizeWithinTenPercentOfMltks() {
    assertThat((double) kilnBytes.length).isBetween(21616 * 0.9, 21616 * 1.1);
  }

  static List<String> ops(TfliteModel m) {
    List<String> r = new ArrayList<>();
    for (Operator op : m.mainSubgraph().operators()) {
      r.add(op.op() + " v" + op.version() + " " + op.options());
    }
    return r;
  }

  static List<String> tensors(TfliteModel m) {
    List<String> r = new ArrayList<>();
    for (Tensor t : m.mainSubgraph().tensors()) {
      Quantization q = t.quantization();
      String scheme;
      if (q == null || q.isEmpty()) {
        scheme = "none";
      } else if (q.scales().length > 1) {
        scheme = "per-channel(" + q.scales().length + ", dim " + q.quantizedDimension() + ", zp "
            + java.util.Arrays.stream(q.zeroPoints()).max().getAsLong() + ")";
      } else {
        scheme = t.data() != null ? "per-tensor(zp " + q.zeroPoint() + ")" : "per-tensor";
      }
      r.add(t.type() + " " + t.shapeString() + (t.data() != null ? " const " : " ") + scheme);
    }
    return r;
  }
}
