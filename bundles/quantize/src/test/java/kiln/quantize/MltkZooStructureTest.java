package kiln.quantize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import kiln.api.Progress;
import kiln.api.model.LayerGraph;
import kiln.quantize.internal.Ptq;
import kiln.spec.KilnModel;
import kiln.spec.QuantizeJobs;
import kiln.tflite.OpCounter;
import kiln.tflite.OpCounter.Convention;
import kiln.tflite.Operator;
import kiln.tflite.Subgraph;
import kiln.tflite.TfliteModel;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kiln's reference specs, quantized with random weights, against the .tflite files MLTK trained and
 * converted from its own specs (../shared/fixtures/mltk): the same operators with the same output
 * shapes, and the MAC count MLTK's docs print for the model.
 */
class MltkZooStructureTest {
  @TempDir Path empty;

  /** The spec's layout as Kiln's quantizer writes it. */
  TfliteModel kiln(String name) {
    KilnModel spec = TestModels.spec(name, empty);
    LayerGraph g = spec.buildGraph();
    int size = 1;
    for (int d : spec.inputShape()) {
      size *= d;
    }
    Ptq.Output out = Ptq.run(QuantizeJobs.of(spec, g, TestModels.randomWeights(g, 4),
        TestModels.floatSamples(8, size, 7)), TestModels.MICRO, Progress.NONE, Instant.EPOCH);
    return TfliteModel.read(out.tflite(), "kiln " + name);
  }

  static TfliteModel mltk(String name) {
    Path file = TestModels.fixtures().resolve("mltk/" + name + ".tflite");
    Assumptions.assumeTrue(file.toFile().isFile(), "fixtures not found at " + file.toAbsolutePath());
    return TfliteModel.read(file);
  }

  /** "OP shape" per operator, leaving out the op kinds given. */
  static List<String> ops(TfliteModel m, Set<String> leaveOut) {
    Subgraph g = m.mainSubgraph();
    return g.operators().stream().filter(op -> !leaveOut.contains(op.op().name()))
        .map(op -> op.op().name() + " " + g.outputOf(op, 0).shapeString()).toList();
  }

  static long macs(TfliteModel m) {
    return OpCounter.count(m, Convention.SUMMARY).macs();
  }

  @Test
  void anomalyDetectionMatchesMltksFile() {
    TfliteModel k = kiln("anomaly_detection");
    // Keras' Reshape with a dynamic batch is SHAPE, STRIDED_SLICE, PACK before the last RESHAPE in
    // MLTK's file; the spec's reshape has dynamic_batch set, so Kiln writes the same
    assertThat(ops(k, Set.of())).containsExactlyElementsOf(ops(mltk("anomaly_detection"), Set.of()));
    assertThat(ops(k, Set.of())).hasSize(17).startsWith("QUANTIZE 1x5x128x1", "RESHAPE 1x640")
        .endsWith("RESHAPE 1x5x128x1", "DEQUANTIZE 1x5x128x1");
    // the batch-size ops carry MLTK's options (shape type, the shrunk slice, the pack axis and count)
    List<Operator> ko = k.mainSubgraph().operators();
    List<Operator> mo = mltk("anomaly_detection").mainSubgraph().operators();
    for (int i = 12; i <= 14; i++) {
      assertThat(ko.get(i).options()).as(ko.get(i).op().name()).isEqualTo(mo.get(i).options());
    }
    // anomaly_detection.py's summary: Total MACs: 264.192 k
    assertThat(macs(k)).isEqualTo(macs(mltk("anomaly_detection"))).isEqualTo(264_192L);
  }

  @Test
  void imageClassificationMatchesMltksFile() {
    TfliteModel k = kiln("image_classification");
    assertThat(ops(k, Set.of())).containsExactlyElementsOf(ops(mltk("image_classification"), Set.of()))
        .contains("ADD 1x8x8x64", "AVERAGE_POOL_2D 1x1x1x64");
    // image_classification.py's summary: Total MACs: 12.502 M
    assertThat(macs(k)).isEqualTo(macs(mltk("image_classification"))).isEqualTo(12_501_632L);
  }

  @Test
  void imageExample1MatchesMltksFile() {
    TfliteModel k = kiln("image_example1");
    // the fixture was converted with int8 input and output; MLTK's current spec (and Kiln's) uses
    // float32, which adds the QUANTIZE and DEQUANTIZE at the ends
    assertThat(ops(k, Set.of("QUANTIZE", "DEQUANTIZE")))
        .containsExactlyElementsOf(ops(mltk("image_example1"), Set.of()));
    Subgraph g = k.mainSubgraph();
    List<Operator> all = g.operators();
    assertThat(all.get(0).op().name()).isEqualTo("QUANTIZE");
    assertThat(all.get(all.size() - 1).op().name()).isEqualTo("DEQUANTIZE");
    // image_example1.py's summary: Total MACs: 1.197 M
    assertThat(macs(k)).isEqualTo(macs(mltk("image_example1"))).isEqualTo(1_196_928L);
  }

  /**
   * conv1d_example against the operator table of {@code mltk summarize conv1d_example --tflite}
   * printed in its docstring (shapes there leave out the batch): every conv and pool with its
   * output shape and fused activation, the dense head; MLTK's EXPAND_DIMS are Kiln's RESHAPEs, and
   * MLTK's last reshape does the squeeze and the flatten that Kiln writes as two.
   */
  @Test
  void conv1dExampleMatchesMltksPublishedSummary() {
    TfliteModel k = kiln("conv1d_example");
    Subgraph g = k.mainSubgraph();
    List<String> compute = g.operators().stream().filter(op -> !op.op().name().equals("RESHAPE"))
        .map(op -> op.op().name().toLowerCase(java.util.Locale.ROOT) + " "
            + g.outputOf(op, 0).shapeString().replaceFirst("^1x", "")
            + (op.options() != null && op.options().toString().contains("activation=RELU") ? " relu" : ""))
        .toList();
    assertThat(compute).containsExactly(
        "conv_2d 1x900x16 relu", "max_pool_2d 450x1x16",
        "conv_2d 1x450x32 relu", "max_pool_2d 225x1x32",
        "conv_2d 1x225x64 relu", "max_pool_2d 112x1x64",
        "conv_2d 1x112x128 relu", "max_pool_2d 56x1x128",
        "fully_connected 4", "softmax 4");
    // MLTK: 4 x (expand_dims, reshape) around the convs, 4 x (expand_dims, reshape) around the pools
    // (the last one flattening too); Kiln: one reshape more for the flatten
    assertThat(g.operators()).filteredOn(op -> op.op().name().equals("RESHAPE")).hasSize(17);
    // conv1d_example.py's summary: Total MACs: 5.416 M
    assertThat(macs(k)).isBetween(5_415_500L, 5_416_499L);
  }
}
