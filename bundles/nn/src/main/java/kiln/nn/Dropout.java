package kiln.nn;

import java.util.List;
import java.util.Map;

/** Dropout during training (rate in [0, 1)); the identity at inference. */
public final class Dropout extends Layer {
  public Dropout(Map<String, ?> kwargs) {
    super("Dropout", kwargs);
  }

  public Dropout(double rate) {
    this(Args.kw("rate", rate));
  }

  @Override
  public int[] outputShape(List<int[]> in) {
    return single(in, 0, "").clone();
  }
}
