package kiln.api.platform;

import kiln.api.Described;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An accelerator back-end: which ops it runs (and why not) and what each costs. Registered with
 * {@code kiln.name} (e.g. {@code none}, {@code mvp}).
 */
@ConsumerType
public interface Accelerator extends Described {
  /** The clock rate of the processor the cycles are counted on, in Hz. */
  long clockHz();

  /** Judges and costs one layer. Unsupported layers are costed on the CPU. */
  LayerCost cost(LayerInfo layer);

  /**
   * Scratch memory the back-end's kernel for {@code layer} takes from the tensor arena while the
   * layer runs (e.g. the MVP's float16 copy of a convolution's input); 0 when none.
   */
  default long scratchBytes(LayerInfo layer) {
    return 0;
  }
}
