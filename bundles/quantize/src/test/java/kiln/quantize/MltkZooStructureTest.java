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
    // Keras' Reshape with a dynamic batch becomes SHAPE, STRIDED_SLICE, PACK before the last RESHAPE
    // in MLTK's file; Kiln's reshape has a constant shape
    assertThat(ops(k, Set.of())).containsExactlyElementsOf(ops(mltk("anomaly_detection"),
        Set.of("SHAPE", "STRIDED_SLICE", "PACK")));
    assertThat(ops(k, Set.of())).hasSize(14).startsWith("QUANTIZE 1x5x128x1", "RESHAPE 1x640")
        .endsWith("FULLY_CONNECTED 1x640", "RESHAPE 1x5x128x1", "DEQUANTIZE 1x5x128x1");
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
}
