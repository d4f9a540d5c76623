package kiln.nn;

import kiln.api.model.WeightSpec;
import java.util.List;
import java.util.Map;

/** Depthwise 2D convolution; depthwise_kernel [kh, kw, in, depth_multiplier], bias [in * depth_multiplier]. */
public final class DepthwiseConv2D extends BaseConv {
  public DepthwiseConv2D(Map<String, ?> kwargs) {
    super("DepthwiseConv2D", kwargs);
  }

  public DepthwiseConv2D(int kernelHeight, int kernelWidth) {
    this(Args.kw("kernel_size", List.of(kernelHeight, kernelWidth)));
  }

  @Override
  public int[] outputShape(List<int[]> in) {
    int[] s = input2D(in);
    int[] hw = convolvedHW(s);
    return new int[] {hw[0], hw[1], s[2] * getInt("depth_multiplier")};
  }

  @Override
  public List<WeightSpec> weights(List<int[]> in) {
    int[] s = input2D(in);
    int[] k = getInts("kernel_size");
    int m = getInt("depth_multiplier");
    return withBias(s[2] * m, weight("depthwise_kernel", "depthwise", new int[] {k[0], k[1], s[2], m}));
  }

  @Override
  public long macs(List<int[]> in, int[] out) {
    int[] k = getInts("kernel_size");
    return product(out) * k[0] * k[1];
  }
}
