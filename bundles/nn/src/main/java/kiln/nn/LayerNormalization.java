package kiln.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import kiln.api.model.WeightSpec;

/**
 * Keras' LayerNormalization over the last axis: each sample's vector along that axis is normalized
 * by its own mean and variance, {@code (x - mean) / sqrt(var + epsilon) * gamma + beta}, with the
 * same statistics at training and inference (no moving averages). Weights gamma and beta, each
 * [last axis]. Only axis -1 is supported (MLTK's models use the default). Counts no MACs (no
 * multiplications by a weight matrix, as BatchNormalization).
 */
public final class LayerNormalization extends Layer {
  public LayerNormalization(Map<String, ?> kwargs) {
    super("LayerNormalization", kwargs);
  }

  public LayerNormalization() {
    this(Map.of());
  }

  @Override
  public int[] outputShape(List<int[]> in) {
    int[] s = single(in, 0, "");
    lastAxis(s);
    return s.clone();
  }

  private void lastAxis(int[] s) {
    int a = getInt("axis");
    if (a != -1 && a != s.length) {
      throw error("axis " + a + " is not supported for an input of shape (None, "
          + Arrays.toString(s).replaceAll("[\\[\\]]", "") + "); expected the last axis (-1 or " + s.length + ")");
    }
  }

  @Override
  public List<WeightSpec> weights(List<int[]> in) {
    int[] s = single(in, 0, "");
    lastAxis(s);
    int[] c = {s[s.length - 1]};
    List<WeightSpec> w = new ArrayList<>();
    if (getBool("scale")) {
      w.add(new WeightSpec("gamma", c, true, getString("gamma_initializer"), getMap("gamma_regularizer")));
    }
    if (getBool("center")) {
      w.add(new WeightSpec("beta", c, true, getString("beta_initializer"), getMap("beta_regularizer")));
    }
    return w;
  }
}
