package kiln.platform.mvp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import kiln.api.platform.LayerCost;
import kiln.api.platform.LayerInfo;
import kiln.api.platform.LayerOptions;
import kiln.platform.cortexm.Measurements;
import kiln.platform.cortexm.internal.CortexM33Accelerator;
import org.junit.jupiter.api.Test;

class MvpAcceleratorTest {
  final MvpAccelerator mvp = new MvpAccelerator();

  static LayerInfo layer(String op, List<int[]> ins, int[] out, Map<String, Object> options) {
    List<String> types = ins.stream().map(s -> "int8").toList();
    return new LayerInfo(0, op, ins, types, List.of(out), List.of("int8"), options, 0, 0);
  }

  static final Map<String, Object> SAME_2X2 = Map.of(LayerOptions.PADDING, "same",
      LayerOptions.STRIDE_W, 2, LayerOptions.STRIDE_H, 2, LayerOptions.ACTIVATION, "relu");

  @Test
  void microSpeechConvMatchesThePublishedMeasurement() {
    LayerCost conv = mvp.cost(layer("conv_2d",
        List.of(new int[] {1, 49, 40, 1}, new int[] {8, 10, 8, 1}, new int[] {8}),
        new int[] {1, 25, 20, 8}, SAME_2X2));
    assertThat(conv.supported()).isTrue();
    assertThat(conv.acceleratorCycles()).isCloseTo(380_500, within(0.10 * 380_500));
    assertThat(conv.cpuCycles()).isCloseTo(85_700, within(0.05 * 85_700));
  }

  @Test
  void microSpeechFullyConnectedIsFlaggedWithTheKernelsReason() {
    LayerCost fc = mvp.cost(layer("fully_connected",
        List.of(new int[] {1, 4000}, new int[] {4, 4000}, new int[] {4}), new int[] {1, 4},
        Map.of(LayerOptions.ACTIVATION, "none")));
    assertThat(fc.supported()).isFalse();
    assertThat(fc.reason()).isEqualTo("weights_shape[1] (4000) > 2048");
    // the large-input path still runs it on the MVP, as measured: 24.1k accelerator cycles
    assertThat(fc.acceleratorCycles()).isCloseTo(24_100, within(0.05 * 24_100));
    // the path's extra CPU work (5.1k measured) was seen on this one layer only and is not
    // modelled: its CPU side costs what any fully connected layer's does
    LayerCost small = mvp.cost(layer("fully_connected",
        List.of(new int[] {1, 64}, new int[] {4, 64}, new int[] {4}), new int[] {1, 4}, Map.of()));
    assertThat(fc.cpuCycles()).isEqualTo(small.cpuCycles());
  }

  @Test
  void microSpeechTotalsWithin15PercentOfTheSeed() throws Exception {
    double acc = 0;
    double cpu = 0;
    int unsupported = 0;
    for (Measurements.Layer l : Measurements.layers()) {
      if (l.model().equals("tflite_micro_speech")) {
        LayerCost c = mvp.cost(l.info());
        acc += c.acceleratorCycles();
        cpu += c.cpuCycles();
        unsupported += c.supported() ? 0 : 1;
      }
    }
    assertThat(unsupported).isEqualTo(1);
    assertThat(acc).isCloseTo(404_600, within(0.15 * 404_600));
    assertThat(cpu).isCloseTo(115_000, within(0.15 * 115_000));
  }

  @Test
  void wideOutputConvIsUnsupportedAndFallsBackToTheCpu() {
    LayerInfo conv = layer("conv_2d",
        List.of(new int[] {1, 2, 2, 160}, new int[] {1280, 1, 1, 160}, new int[] {1280}),
        new int[] {1, 2, 2, 1280}, Map.of(LayerOptions.PADDING, "valid"));
    LayerCost c = mvp.cost(conv);
    assertThat(c.supported()).isFalse();
    assertThat(c.reason()).isEqualTo("Output vector stride (2560) exceeded (max=2047)");
    assertThat(c.acceleratorCycles()).isZero();
    assertThat(c.cpuCycles()).isEqualTo(new CortexM33Accelerator().cost(conv).cpuCycles());
  }

  @Test
  void everyMeasuredLayerGetsTheVerdictTheBoardGave() throws Exception {
    for (Measurements.Layer l : Measurements.layers()) {
      if (!l.accelerator().equals("mvp")) {
        continue;
      }
      LayerCost c = mvp.cost(l.info());
      boolean flagged = !l.errorMsg().isBlank();
      assertThat(c.supported()).as("%s layer %d", l.model(), l.info().index()).isEqualTo(!flagged);
      if (flagged) {
        assertThat(c.reason()).isEqualTo(l.errorMsg());
      }
      // ops with accelerator cycles on the board are the ones Kiln puts on the MVP
      assertThat(c.acceleratorCycles() > 0).as("%s layer %d", l.model(), l.info().index())
          .isEqualTo(l.accCycles() > 0);
    }
  }

  @Test
  void otherLimitsNameWhatIsWrong() {
    assertThat(mvp.cost(layer("conv_2d",
        List.of(new int[] {1, 10, 10, 8}, new int[] {8, 3, 3, 8}, new int[] {8}),
        new int[] {1, 6, 6, 8}, Map.of(LayerOptions.DILATION_W, 2))).reason())
        .isEqualTo("Dilation not supported");
    LayerInfo floatConv = new LayerInfo(0, "conv_2d",
        List.of(new int[] {1, 10, 10, 8}, new int[] {8, 3, 3, 8}, new int[] {8}),
        List.of("float32", "float32", "float32"), List.of(new int[] {1, 8, 8, 8}),
        List.of("float32"), Map.of(), 0, 0);
    assertThat(mvp.cost(floatConv).reason())
        .isEqualTo("input type float32 is not int8 (the MVP kernels are int8 only)");
    assertThat(mvp.cost(layer("fully_connected",
        List.of(new int[] {1, 1025}, new int[] {10, 1025}, new int[] {10}), new int[] {1, 10},
        Map.of())).reason()).isEqualTo("weights_shape[1] (1025) > 1024");
    assertThat(mvp.cost(layer("fully_connected",
        List.of(new int[] {1, 64}, new int[] {2000, 64}, new int[] {2000}), new int[] {1, 2000},
        Map.of())).reason()).isEqualTo("output_shape[1] (2000) > 1024");
    assertThat(mvp.cost(layer("max_pool_2d", List.of(new int[] {1, 4, 40, 128}),
        new int[] {1, 2, 20, 128}, Map.of(LayerOptions.FILTER_W, 2, LayerOptions.FILTER_H, 2,
            LayerOptions.STRIDE_W, 2, LayerOptions.STRIDE_H, 2))).reason())
        .isEqualTo("Output vector stride (2560) exceeded (max=2047)");
    LayerCost add = mvp.cost(layer("add",
        List.of(new int[] {1, 64, 64, 16}, new int[] {1, 64, 64, 16}), new int[] {1, 64, 64, 16},
        Map.of()));
    assertThat(add.supported()).isTrue();
    assertThat(add.acceleratorCycles()).isPositive();
  }

  @Test
  void descriptionNamesWhatRestsOnOneMeasurementOrNone() {
    assertThat(mvp.description()).contains("estimate").contains("calibrated on one measurement")
        .contains("mul and transpose_conv on the MVP costed as add and conv_2d (not measured)");
    assertThat(mvp.clockHz()).isEqualTo(78_000_000L);
  }

  @Test
  void largeInputPathNeedsTwoFactorsOfAtMost1024() {
    assertThat(MvpSupportRules.largeInputPathFits(4000)).isTrue(); // 2000 = 2 x 1000
    assertThat(MvpSupportRules.largeInputPathFits(2 * 1031)).isFalse(); // 1031 is prime
  }
}
