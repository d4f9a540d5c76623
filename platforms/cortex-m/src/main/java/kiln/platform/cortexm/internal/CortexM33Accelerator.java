package kiln.platform.cortexm.internal;

import kiln.api.ServiceNames;
import kiln.api.platform.Accelerator;
import kiln.api.platform.LayerCost;
import kiln.api.platform.LayerInfo;
import kiln.util.cycles.CortexM33CycleModel;
import org.osgi.service.component.annotations.Component;

/** Accelerator {@code none}: everything runs on the Cortex-M33; cycles are estimated. */
@Component(
    property = {
      ServiceNames.NAME + "=none",
      ServiceNames.DESCRIPTION + "=" + CortexM33Accelerator.DESCRIPTION,
      "kiln.clock.hz:Long=78000000"
    })
public class CortexM33Accelerator implements Accelerator {
  static final String DESCRIPTION =
      "Cortex-M33 at 78 MHz, CMSIS-NN int8 kernels, no accelerator (estimate fitted to board runs; "
          + CortexM33CycleModel.CALIBRATION_NOTE + ")";

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
    return new LayerCost(true, "", 0, CortexM33CycleModel.cycles(layer), Double.NaN);
  }

  @Override
  public long scratchBytes(LayerInfo layer) {
    return CortexM33CycleModel.scratchBytes(layer);
  }
}
