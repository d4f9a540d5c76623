package kiln.platform.cortexm.internal;

import kiln.api.ServiceNames;
import kiln.api.platform.Accelerator;
import kiln.api.platform.LayerCost;
import kiln.api.platform.LayerInfo;
import kiln.platform.cortexm.CortexM33Host;
import org.osgi.service.component.annotations.Component;

/** Accelerator {@code none}: everything runs on the Cortex-M33; cycles are estimated. */
@Component(
    property = {
      ServiceNames.NAME + "=none",
      ServiceNames.DESCRIPTION + "=" + CortexM33Accelerator.DESCRIPTION,
      "kiln.clock.hz:Long=78000000"
    })
public class CortexM33Accelerator extends CortexM33Host implements Accelerator {
  static final String DESCRIPTION =
      "Cortex-M33 at 78 MHz, CMSIS-NN int8 kernels, no accelerator (estimate)";

  public CortexM33Accelerator() {
    super(DESCRIPTION);
  }

  @Override
  public LayerCost cost(LayerInfo layer) {
    return onCpu(layer, true, "");
  }

  @Override
  public long scratchBytes(LayerInfo layer) {
    return cpuScratchBytes(layer);
  }
}
