package kiln.nn;

import kiln.api.model.WeightSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Fully connected over the last axis; kernel [in, units], bias [units]. */
public final class Dense extends Layer {
  public Dense(Map<String, ?> kwargs) {
    super("Dense", kwargs);
  }

  public Dense(int units) {
    this(Args.kw("units", units));
  }

  @Override
  public int[] outputShape(List<int[]> in) {
    int[] s = single(in, 0, "");
    int[] out = s.clone();
    out[out.length - 1] = getInt("units");
    return out;
  }

  @Override
  public List<WeightSpec> weights(List<int[]> in) {
    int[] s = single(in, 0, "");
    int u = getInt("units");
    List<WeightSpec> w = new ArrayList<>();
    w.add(new WeightSpec("kernel", new int[] {s[s.length - 1], u}, true,
        getString("kernel_initializer"), getMap("kernel_regularizer")));
    if (getBool("use_bias")) {
      w.add(new WeightSpec("bias", new int[] {u}, true, getString("bias_initializer"), getMap("bias_regularizer")));
    }
    return w;
  }

  @Override
  public long macs(List<int[]> in, int[] out) {
    int[] s = in.get(0);
    return product(out) * s[s.length - 1];
  }
}
