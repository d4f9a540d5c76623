package kiln.nn;

import java.util.List;
import java.util.Map;

/** ReLU with Keras arguments max_value (None), negative_slope (0), threshold (0); max_value 6 is ReLU6. */
public final class ReLU extends Layer {
  public ReLU(Map<String, ?> kwargs) {
    super("ReLU", kwargs);
  }

  public ReLU() {
    this(Map.of());
  }

  @Override
  public int[] outputShape(List<int[]> in) {
    return single(in, 0, "").clone();
  }
}
