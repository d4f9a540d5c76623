package kiln.platform.cortexm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import kiln.api.platform.LayerInfo;
import kiln.api.platform.LayerOptions;
import kiln.platform.cortexm.internal.CortexM33Accelerator;
import org.junit.jupiter.api.Test;

class CortexM33CycleModelTest {

  @Test
  void imageExample1OnTheCpuMatchesTheBoardWithin5Percent() throws Exception {
    double measured = 0;
    double estimated = 0;
    for (Measurements.Layer l : Measurements.layers()) {
      if (!l.accelerator().equals("none")) {
        continue;
      }
      double est = CortexM33CycleModel.cycles(l.info());
      measured += l.cpuCycles();
      estimated += est;
      if (l.info().opcode().equals("conv_2d") || l.info().opcode().equals("average_pool_2d")) {
        assertThat(est).as("layer %d %s", l.info().index(), l.info().opcode())
            .isCloseTo(l.cpuCycles(), within(0.05 * l.cpuCycles()));
      }
    }
    double published = Measurements.models().stream()
        .filter(m -> m.accelerator().equals("none")).findFirst().orElseThrow().cpuCycles();
    assertThat(published).isEqualTo(9_500_000);
    assertThat(estimated).isCloseTo(published, within(0.05 * published));
    assertThat(measured).isCloseTo(published, within(0.02 * published));
  }

  @Test
  void convolutionIsCallPlusMacsPlusOutputs() {
    LayerInfo conv = new LayerInfo(0, "conv_2d",
        List.of(new int[] {1, 49, 40, 1}, new int[] {8, 10, 8, 1}, new int[] {8}),
        List.of("int8", "int8", "int32"), List.of(new int[] {1, 25, 20, 8}), List.of("int8"),
        Map.of(LayerOptions.PADDING, "same", LayerOptions.STRIDE_W, 2, LayerOptions.STRIDE_H, 2),
        652_000, 320_000);
    assertThat(CortexM33CycleModel.macs(new LayerGeometry(conv))).isEqualTo(320_000);
    assertThat(CortexM33CycleModel.cycles(conv)).isEqualTo(1500 + 2.88 * 320_000 + 87.7 * 4000);
  }

  @Test
  void unknownOpsAndMissingShapesNeverFail() {
    LayerInfo odd = new LayerInfo(3, "some_custom_op", List.of(), List.of(), List.of(), List.of(),
        Map.of(), 0, 0);
    assertThat(CortexM33CycleModel.cycles(odd)).isEqualTo(1000);
    LayerInfo conv = new LayerInfo(0, "conv_2d", List.of(new int[] {1, 4}), List.of("int8"),
        List.of(new int[] {1, 4}), List.of("int8"), Map.of(), 0, 0);
    assertThat(CortexM33CycleModel.cycles(conv)).isEqualTo(1500 + 87.7 * 4);
  }

  @Test
  void serviceDescribesItselfAsAnEstimate() {
    var acc = new CortexM33Accelerator();
    assertThat(acc.clockHz()).isEqualTo(78_000_000L);
    assertThat(acc.description()).contains("Cortex-M33").contains("estimate");
    var cost = acc.cost(new LayerInfo(0, "softmax", List.of(new int[] {1, 4}), List.of("int8"),
        List.of(new int[] {1, 4}), List.of("int8"), Map.of(), 20, 0));
    assertThat(cost.supported()).isTrue();
    assertThat(cost.acceleratorCycles()).isZero();
    assertThat(cost.cpuCycles()).isEqualTo(1046 + 728.5 * 4);
    assertThat(cost.energyJoules()).isNaN();
  }
}
