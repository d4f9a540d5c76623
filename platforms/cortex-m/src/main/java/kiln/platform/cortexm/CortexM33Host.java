package kiln.platform.cortexm;

import kiln.api.platform.Accelerator;
import kiln.api.platform.LayerCost;
import kiln.api.platform.LayerInfo;

/**
 * Base of accelerators whose ops run on, or next to, the Cortex-M33 at 78 MHz: the description, the
 * clock, and CMSIS-NN's estimate for ops left to the CPU. Subclasses still name {@link Accelerator}
 * in their {@code implements} clause, so that DS registers them under it.
 */
public abstract class CortexM33Host implements Accelerator {
  private final String description;

  protected CortexM33Host(String description) {
    this.description = description;
  }

  @Override
  public final String description() {
    return description;
  }

  @Override
  public final long clockHz() {
    return CortexM33CycleModel.CLOCK_HZ;
  }

  /** The op on the CPU with CMSIS-NN's estimated cycles; {@code why} says why it is not supported. */
  protected static LayerCost onCpu(LayerInfo layer, boolean supported, String why) {
    return new LayerCost(supported, why, 0, CortexM33CycleModel.cycles(layer), Double.NaN);
  }

  /** CMSIS-NN's scratch buffer for the op on the CPU. */
  protected static long cpuScratchBytes(LayerInfo layer) {
    return CortexM33CycleModel.scratchBytes(layer);
  }
}
