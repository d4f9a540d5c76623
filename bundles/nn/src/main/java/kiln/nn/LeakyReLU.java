package kiln.nn;

import java.util.List;
import java.util.Map;

/** Leaky ReLU: x for x >= 0, alpha * x otherwise (Keras default alpha 0.3). */
public final class LeakyReLU extends Layer {
  public LeakyReLU(Map<String, ?> kwargs) {
    super("LeakyReLU", kwargs);
  }

  public LeakyReLU() {
    this(Map.of());
  }

  public LeakyReLU(double alpha) {
    this(Args.kw("alpha", alpha));
  }

  @Override
  public int[] outputShape(List<int[]> in) {
    return single(in, 0, "").clone();
  }
}
