package kiln.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kiln.api.model.WeightSpec;

/**
 * Sub-spectral normalization (kws_streaming's SubSpectralNormalization, after "Subspectral
 * normalization for neural audio data processing"): the input (T, F, C) is viewed as
 * (T, F / sub_groups, C * sub_groups) and batch-normalized over that last axis, then viewed back.
 * The view is a row-major reshape, so the statistic an element uses depends on its channel and on
 * its frequency modulo sub_groups, as in kws_streaming's code. Weights gamma, beta, moving_mean,
 * moving_variance, each [C * sub_groups]; like BatchNormalization it counts no MACs.
 */
public final class SubSpectralNormalization extends Layer {
  public SubSpectralNormalization(Map<String, ?> kwargs) {
    super("SubSpectralNormalization", kwargs);
  }

  public SubSpectralNormalization(int subGroups) {
    this(Args.kw("sub_groups", subGroups));
  }

  /** The (T, F / sub_groups, C * sub_groups) view the statistics are taken over. */
  public int[] groupedShape(int[] s) {
    int g = getInt("sub_groups");
    if (s[1] % g != 0) {
      throw error("the frequency axis (" + s[1] + ") must be divisible by sub_groups " + g);
    }
    return new int[] {s[0], s[1] / g, s[2] * g};
  }

  @Override
  public int[] outputShape(List<int[]> in) {
    int[] s = single(in, 3, "(time, frequency, channels)");
    groupedShape(s);
    return s.clone();
  }

  @Override
  public List<WeightSpec> weights(List<int[]> in) {
    int[] s = single(in, 3, "(time, frequency, channels)");
    int[] c = {groupedShape(s)[2]};
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
