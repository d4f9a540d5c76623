package kiln.platform.testacc;

import kiln.api.platform.Accelerator;
import kiln.api.platform.LayerCost;
import kiln.api.platform.LayerInfo;
import org.osgi.service.component.annotations.Component;

/**
 * The smallest possible accelerator plugin: one cycle per multiply-accumulate, every op supported.
 * It exists to show that dropping a bundle into a running Kiln adds an accelerator.
 */
@Component(property = {"kiln.name=test-acc"})
public class TestAccelerator implements Accelerator {
  @Override
  public String description() {
    return "test accelerator: one cycle per MAC (for hot-plug tests)";
  }

  @Override
  public long clockHz() {
    return 100_000_000L;
  }

  @Override
  public LayerCost cost(LayerInfo layer) {
    return new LayerCost(true, "", layer.macs(), 0, Double.NaN);
  }
}
