package kiln.nn;

import kiln.api.model.WeightSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Batch normalization over one axis (default the last); weights gamma, beta (trainable),
 * moving_mean, moving_variance (not trainable), each [channels]. Folded into the previous layer when
 * quantized, so it counts no MACs.
 */
public final class BatchNormalization extends Layer {
  public BatchNormalization(Map<String, ?> kwargs) {
    super("BatchNormalization", kwargs);
  }

  public BatchNormalization() {
    this(Map.of());
  }

  @Override
  public int[] outputShape(List<int[]> in) {
    int[] s = single(in, 0, "");
    axis(s);
    return s.clone();
  }

  private int axis(int[] s) {
    int a = getInt("axis");
    int resolved = a < 0 ? s.length + a : a;
    if (resolved < 0 || resolved >= s.length) {
      throw error("axis " + a + " is outside the input of rank " + s.length);
    }
    return resolved;
  }

  @Override
  public List<WeightSpec> weights(List<int[]> in) {
    int[] s = single(in, 0, "");
    int[] c = {s[axis(s)]};
    List<WeightSpec> w = new ArrayList<>();
    if (getBool("scale")) {
      w.add(new WeightSpec("gamma", c, true, getString("gamma_initializer"), getMap("gamma_regularizer")));
    }
    if (getBool("center")) {
      w.add(new WeightSpec("beta", c, true, getString("beta_initializer"), getMap("beta_regularizer")));
    }
    w.add(new WeightSpec("moving_mean", c, false, getString("moving_mean_initializer"), null));
    w.add(new WeightSpec("moving_variance", c, false, getString("moving_variance_initializer"), null));
    return w;
  }
}
