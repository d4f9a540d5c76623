package kiln.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kiln.api.model.WeightSpec;

/**
 * Keras' LSTM over a (time steps, features) sequence: gates i, f, c, o in Keras' order, weights
 * kernel [features, 4 units], recurrent_kernel [units, 4 units] and bias [4 units]; each step
 * {@code z = x W + h U + b}, {@code i = sigmoid(z_i)}, {@code f = sigmoid(z_f)},
 * {@code c = f c + i tanh(z_c)}, {@code h = sigmoid(z_o) tanh(c)}, from zero states. Returns every
 * step's h, (T, units), with {@code return_sequences}, else the last one, (units). Only tanh and
 * sigmoid (what TFLite's UNIDIRECTIONAL_SEQUENCE_LSTM computes). {@code unit_forget_bias} starts the
 * forget gate's bias at one (with the zeros bias initializer, Keras' default).
 *
 * <p>MACs: none, as MLTK's profiler counts the UNIDIRECTIONAL_SEQUENCE_LSTM op (0 in
 * keyword_spotting_numbers' profile, row 85), so that totals compare with MLTK's. The layer's
 * multiplications by weights are {@code T * 4 units * (features + units)}; {@link #weightMacs}
 * gives them.
 */
public final class LSTM extends Layer {
  public LSTM(Map<String, ?> kwargs) {
    super("LSTM", kwargs);
  }

  public LSTM(int units) {
    this(Args.kw("units", units));
  }

  @Override
  public int[] outputShape(List<int[]> in) {
    int[] s = single(in, 2, "(time steps, features)");
    int u = getInt("units");
    return getBool("return_sequences") ? new int[] {s[0], u} : new int[] {u};
  }

  @Override
  public List<WeightSpec> weights(List<int[]> in) {
    int[] s = single(in, 2, "(time steps, features)");
    int u = getInt("units");
    List<WeightSpec> w = new ArrayList<>();
    w.add(new WeightSpec("kernel", new int[] {s[1], 4 * u}, true, getString("kernel_initializer"),
        getMap("kernel_regularizer")));
    w.add(new WeightSpec("recurrent_kernel", new int[] {u, 4 * u}, true,
        getString("recurrent_initializer"), getMap("recurrent_regularizer")));
    if (getBool("use_bias")) {
      String init = getString("bias_initializer");
      if (getBool("unit_forget_bias")) {
        if (!init.equals("zeros")) {
          throw error("unit_forget_bias with bias_initializer '" + init + "' is not supported;"
              + " expected bias_initializer 'zeros' or unit_forget_bias false");
        }
        init = "unit_forget_bias";
      }
      w.add(new WeightSpec("bias", new int[] {4 * u}, true, init, getMap("bias_regularizer")));
    }
    return w;
  }

  /** Counted as MLTK's profiler counts the op: none (see the class comment). */
  @Override
  public long macs(List<int[]> in, int[] out) {
    return 0;
  }

  /** The step multiplications by weights: T * 4 units * (features + units). */
  public static long weightMacs(int[] in, int units) {
    return (long) in[0] * 4 * units * (in[1] + units);
  }
}
