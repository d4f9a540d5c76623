package kiln.platform.cortexm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import kiln.api.platform.LayerCost;
import kiln.api.platform.LayerInfo;
import kiln.api.platform.LayerOptions;
import kiln.platform.cortexm.internal.CortexM33Accelerator;
import org.junit.jupiter.api.Test;

/** The CPU estimate against the board's measured layers, and its behaviour off the fixtures. */
class CortexM33CycleModelTest {
  final CortexM33Accelerator none = new CortexM33Accelerator();

  @Test
  void imageExample1OnTheCpuMatchesTheBoardLayerByLayer() throws Exception {
    double estimated = 0;
    StringBuilder table = new StringBuilder();
    for (Measurements.Layer l : Measurements.layers()) {
      if (!l.accelerator().equals("none")) {
        continue;
      }
      double est = none.cost(l.info()).cpuCycles();
      estimated += est;
      table.append(String.format(Locale.ROOT, "%2d %-16s measured %9.0f estimated %9.0f %+6.1f%%%n",
          l.info().index(), l.info().opcode(), l.cpuCycles(), est,
          100 * (est / l.cpuCycles() - 1)));
      assertThat(est).as("layer %d %s", l.info().index(), l.info().opcode())
          .isCloseTo(l.cpuCycles(), within(0.10 * l.cpuCycles()));
    }
    System.out.println("image_example1, accelerator none:\n" + table);
    double published = Measurements.models().stream()
        .filter(m -> m.accelerator().equals("none")).findFirst().orElseThrow().cpuCycles();
    assertThat(published).isEqualTo(9_500_000);
    assertThat(estimated).isCloseTo(published, within(0.05 * published));
  }

  /** The MVP runs' CPU-only ops (quantize, dequantize, softmax, reshape, pad, ...). */
  @Test
  void cpuOpsOfTheMvpRunsMatchTheirMeasurements() throws Exception {
    StringBuilder table = new StringBuilder();
    for (Measurements.Layer l : Measurements.layers()) {
      if (!l.accelerator().equals("mvp") || l.accCycles() > 0) {
        continue;
      }
      double est = none.cost(l.info()).cpuCycles();
      double error = est / l.cpuCycles() - 1;
      table.append(String.format(Locale.ROOT, "%-28s %2d %-14s measured %8.0f estimated %8.0f %+6.1f%%%n",
          l.model(), l.info().index(), l.info().opcode(), l.cpuCycles(), est, 100 * error));
      assertThat(Math.abs(error)).as("%s layer %d %s", l.model(), l.info().index(),
          l.info().opcode()).isLessThan(0.30);
    }
    System.out.println("CPU ops of the MVP runs:\n" + table);
  }

  @Test
  void usesTheMacsTheLayerCarries() {
    double[] cycles = new double[4];
    for (int k = 1; k <= 3; k++) {
      cycles[k] = none.cost(conv(k * 100_000L)).cpuCycles();
    }
    // linear in the carried MAC count, and growing with it
    assertThat(cycles[2] - cycles[1]).isPositive().isCloseTo(cycles[3] - cycles[2], within(1e-6));
    // no count carried: the 320,000 MACs of the shapes
    assertThat(none.cost(conv(0)).cpuCycles())
        .isCloseTo(none.cost(conv(320_000)).cpuCycles(), within(1e-6));
  }

  @Test
  void unknownOpsAndMissingShapesNeverFail() {
    LayerInfo odd = new LayerInfo(3, "some_custom_op", List.of(), List.of(), List.of(), List.of(),
        Map.of(), 0, 0);
    assertThat(none.cost(odd).cpuCycles()).isPositive().isFinite();
    LayerInfo conv = new LayerInfo(0, "conv_2d", List.of(new int[] {1, 4}), List.of("int8"),
        List.of(new int[] {1, 4}), List.of("int8"), Map.of(), 0, 0);
    assertThat(none.cost(conv).cpuCycles()).isPositive().isFinite();
  }

  @Test
  void serviceDescribesItselfAsAnEstimateAndNamesItsWeakOps() {
    assertThat(none.clockHz()).isEqualTo(78_000_000L);
    assertThat(none.description()).contains("Cortex-M33").contains("estimate")
        .contains("calibrated on one measurement").contains("not measured");
    LayerCost cost = none.cost(new LayerInfo(0, "softmax", List.of(new int[] {1, 4}),
        List.of("int8"), List.of(new int[] {1, 4}), List.of("int8"), Map.of(), 20, 0));
    assertThat(cost.supported()).isTrue();
    assertThat(cost.acceleratorCycles()).isZero();
    assertThat(cost.cpuCycles()).isPositive();
    assertThat(cost.energyJoules()).isNaN();
  }

  /** micro_speech's first convolution (320,000 MACs by its shapes), carrying {@code macs}. */
  private static LayerInfo conv(long macs) {
    return new LayerInfo(0, "conv_2d",
        List.of(new int[] {1, 49, 40, 1}, new int[] {8, 10, 8, 1}, new int[] {8}),
        List.of("int8", "int8", "int32"), List.of(new int[] {1, 25, 20, 8}), List.of("int8"),
        Map.of(LayerOptions.PADDING, "same", LayerOptions.STRIDE_W, 2, LayerOptions.STRIDE_H, 2),
        652_000, macs);
  }
}
