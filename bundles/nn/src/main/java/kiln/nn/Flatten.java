package kiln.nn;

import java.util.List;
import java.util.Map;

/** Flattens everything but the batch dimension. */
public final class Flatten extends Layer {
  public Flatten(Map<String, ?> kwargs) {
    super("Flatten", kwargs);
  }

  public Flatten() {
    this(Map.of());
  }

  @Override
  public int[] outputShape(List<int[]> in) {
    return new int[] {(int) product(single(in, 0, ""))};
  }
}
