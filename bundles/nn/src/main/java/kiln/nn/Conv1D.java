package kiln.nn;

import kiln.api.model.WeightSpec;
import java.util.List;
import java.util.Map;

/** 1D convolution over (steps, channels); kernel [k, in, filters], bias [filters]. */
public final class Conv1D extends BaseConv {
  public Conv1D(Map<String, ?> kwargs) {
    super("Conv1D", kwargs);
  }

  public Conv1D(int filters, int kernelSize) {
    this(Args.kw("filters", filters, "kernel_size", kernelSize));
  }

  @Override
  public int[] outputShape(List<int[]> in) {
    int[] s = single(in, 2, "(steps, channels)");
    int k = getInts("kernel_size")[0];
    int n = ConvMath.outLength(s[0], k, getInts("strides")[0], getInts("dilation_rate")[0], getString("padding"));
    if (n <= 0) {
      throw error("kernel " + k + " does not fit the input length " + s[0] + " with padding 'valid'");
    }
    return new int[] {n, getInt("filters")};
  }

  @Override
  public List<WeightSpec> weights(List<int[]> in) {
    int[] s = single(in, 2, "(steps, channels)");
    int f = getInt("filters");
    return withBias(f, weight("kernel", "kernel", new int[] {getInts("kernel_size")[0], s[1], f}));
  }

  @Override
  public long macs(List<int[]> in, int[] out) {
    return product(out) * getInts("kernel_size")[0] * in.get(0)[1];
  }
}
