package kiln.platform.mvp;

import java.util.Optional;
import kiln.api.ServiceNames;
import kiln.api.platform.Accelerator;
import kiln.api.platform.LayerCost;
import kiln.api.platform.LayerInfo;
import kiln.util.cycles.CortexM33CycleModel;
import kiln.util.cycles.LayerGeometry;
import org.osgi.service.component.annotations.Component;

/**
 * Accelerator {@code mvp}: the EFR32xG24's Matrix Vector Processor next to its Cortex-M33 at 78
 * MHz. Ops it cannot run are flagged with the reason and costed on the CPU with the same model as
 * accelerator {@code none} ({@link CortexM33CycleModel}, embedded from kiln.util), with one
 * exception that mirrors the MVP kernels: a fully connected layer deeper than 2048 is flagged (the
 * kernel logs the limit, so MLTK's report says unsupported) but still runs on the MVP's large-input
 * path when its accumulation splits into two loops of at most 1024, and is costed there.
 */
@Component(
    property = {
      ServiceNames.NAME + "=mvp",
      ServiceNames.DESCRIPTION + "=" + MvpAccelerator.DESCRIPTION,
      "kiln.clock.hz:Long=78000000"
    })
public class MvpAccelerator implements Accelerator {
  static final String DESCRIPTION =
      "EFR32xG24 MVP accelerator + Cortex-M33 at 78 MHz, int8 (estimate fitted to board runs; "
          + MvpCycleModel.UNMEASURED_NOTE + "; " + CortexM33CycleModel.CALIBRATION_NOTE + ")";

  @Override
  public String description() {
    return DESCRIPTION;
  }

  @Override
  public long clockHz() {
    return CortexM33CycleModel.CLOCK_HZ;
  }

  @Override
  public LayerCost cost(LayerInfo layer) {
    LayerGeometry g = new LayerGeometry(layer);
    if (!MvpSupportRules.ACCELERATED.contains(layer.opcode())) {
      return onCpu(layer, true, "");
    }
    Optional<String> why = MvpSupportRules.whyNot(g);
    if (why.isEmpty()) {
      double[] c = MvpCycleModel.cycles(g);
      return new LayerCost(true, "", c[0], c[1], Double.NaN);
    }
    if (runsOnLargeInputPath(g)) {
      double[] c = MvpCycleModel.cycles(g);
      return new LayerCost(false, why.get(), c[0], c[1], Double.NaN);
    }
    return onCpu(layer, false, why.get());
  }

  /**
   * The MVP convolution kernel (built for speed, as MLTK builds it) copies the whole input to
   * float16 in arena scratch: 2 bytes per input element. Ops left to the CPU take CMSIS-NN's.
   */
  @Override
  public long scratchBytes(LayerInfo layer) {
    if (!MvpSupportRules.ACCELERATED.contains(layer.opcode())
        || MvpSupportRules.whyNot(new LayerGeometry(layer)).isPresent()) {
      return CortexM33CycleModel.scratchBytes(layer);
    }
    return layer.opcode().equals("conv_2d") ? 2 * new LayerGeometry(layer).inputElements() : 0;
  }

  private static LayerCost onCpu(LayerInfo layer, boolean supported, String why) {
    return new LayerCost(supported, why, 0, CortexM33CycleModel.cycles(layer), Double.NaN);
  }

  private static boolean runsOnLargeInputPath(LayerGeometry g) {
    if (!g.layer().opcode().equals("fully_connected")) {
      return false;
    }
    int[] w = g.input(1);
    if (w.length != 2 || w[0] > MvpSupportRules.MAX_DIM) {
      return false;
    }
    int depth = w[1];
    return depth > MvpSupportRules.maxAccumulationDepth(depth)
        && MvpSupportRules.largeInputPathFits(depth)
        && MvpSupportRules.whyNot(g).orElse("").startsWith("weights_shape[1]");
  }
}
