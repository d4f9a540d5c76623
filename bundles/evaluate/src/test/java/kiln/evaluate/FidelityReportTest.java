package kiln.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kiln.api.KilnException;
import kiln.util.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FidelityReportTest {
  static final List<float[]> FLOAT_OUT =
      List.of(new float[] {0.7f, 0.3f}, new float[] {0.4f, 0.6f}, new float[] {0.9f, 0.1f});
  static final List<float[]> INT8_OUT =
      List.of(new float[] {0.75f, 0.25f}, new float[] {0.5f, 0.5f}, new float[] {0.875f, 0.125f});

  @Test
  void agreementAndPerLayerErrors() {
    FidelityReport r =
        FidelityReport.builder(FLOAT_OUT, INT8_OUT)
            .layer("conv", List.of(new float[] {0, 2}, new float[] {4, -4}, new float[] {1, 1}),
                List.of(new float[] {0, 2}, new float[] {4, -4}, new float[] {1, 1}))
            .layer("dense", List.of(new float[] {1, 2}, new float[] {3, 4}, new float[] {5, 6}),
                List.of(new float[] {1, 2}, new float[] {3, 6}, new float[] {5, 6}))
            .labels(new int[] {0, 1, 1})
            .build();
    // Sample 1: float picks class 1 (0.6), int8 ties 0.5/0.5 and picks the first, class 0.
    assertThat(r.agreeing()).isEqualTo(2);
    assertThat(r.topClassAgreement()).isEqualTo(2 / 3.0);
    assertThat(r.floatAccuracy()).isEqualTo(2 / 3.0);
    assertThat(r.quantAccuracy()).isEqualTo(1 / 3.0);
    assertThat(r.layers()).extracting(FidelityReport.LayerError::layer)
        .containsExactly("conv", "dense", "output");
    FidelityReport.LayerError conv = r.layers().get(0);
    assertThat(conv.rmse()).isZero();
    assertThat(conv.floatRange()).isEqualTo(8.0);
    FidelityReport.LayerError dense = r.layers().get(1);
    assertThat(dense.values()).isEqualTo(6);
    assertThat(dense.rmse()).isEqualTo(Math.sqrt(4 / 6.0)); // one value off by 2
    assertThat(dense.maxAbsError()).isEqualTo(2.0);
    assertThat(dense.relativeRmse()).isCloseTo(Math.sqrt(4 / 6.0) / 5, within(1e-15));
    // output differences: .05 .05 .1 .1 .025 .025
    FidelityReport.LayerError out = r.layers().get(2);
    assertThat(out.rmse()).isCloseTo(Math.sqrt((2 * .0025 + 2 * .01 + 2 * .000625) / 6),
        within(1e-8));
    assertThat(out.maxAbsError()).isCloseTo(0.1, within(1e-7));
    assertThat(r.worstStep().layer()).isEqualTo("dense");
    assertThat(r.toText())
        .startsWith(
            "Fidelity of the int8 model to the float model on 3 samples\n"
                + "Top class agreement: 66.667% (2 of 3)\n"
                + "Accuracy: float 66.667%, int8 33.333%\n")
        .contains("Largest error increase: dense\n");
  }

  @Test
  void writesJsonAndText(@TempDir Path dir) throws Exception {
    List<Path> files = FidelityReport.builder(FLOAT_OUT, INT8_OUT).build().write(dir);
    assertThat(files).containsExactly(dir.resolve("fidelity.json"), dir.resolve("fidelity.txt"));
    Map<String, Object> json =
        Json.parseObject(Files.readString(dir.resolve("fidelity.json")), "fidelity.json");
    assertThat(json).containsEntry("samples", 3L).containsEntry("agreeing_samples", 2L)
        .doesNotContainKey("float_accuracy");
    assertThat(json.get("layers")).asList().hasSize(1);
  }

  @Test
  void mismatchedSizesAreNamed() {
    assertThatThrownBy(() -> FidelityReport.builder(FLOAT_OUT, INT8_OUT.subList(0, 2)).build())
        .isInstanceOf(KilnException.class)
        .hasMessage("fidelity: 3 float outputs but 2 int8 outputs");
    assertThatThrownBy(
            () -> FidelityReport.builder(FLOAT_OUT, INT8_OUT)
                .layer("conv", List.of(new float[2], new float[2], new float[2]),
                    List.of(new float[2], new float[3], new float[2]))
                .build())
        .isInstanceOf(KilnException.class)
        .hasMessage("fidelity: layer conv sample 1 has 2 float values and 3 int8 values");
  }
}
