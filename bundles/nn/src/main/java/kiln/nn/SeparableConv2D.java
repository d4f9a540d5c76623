package kiln.nn;

import kiln.api.model.WeightSpec;
import java.util.List;
import java.util.Map;

/**
 * Depthwise then pointwise convolution; depthwise_kernel [kh, kw, in, depth_multiplier],
 * pointwise_kernel [1, 1, in * depth_multiplier, filters], bias [filters].
 */
public final class SeparableConv2D extends BaseConv {
  public SeparableConv2D(Map<String, ?> kwargs) {
    super("SeparableConv2D", kwargs);
  }

  public SeparableConv2D(int filters, int kernelHeight, int kernelWidth) {
    this(Args.kw("filters", filters, "kernel_size", List.of(kernelHeight, kernelWidth)));
  }

  @Override
  public int[] outputShape(List<int[]> in) {
    int[] hw = convolvedHW(input2D(in));
    return new int[] {hw[0], hw[1], getInt("filters")};
  }

  @Override
  public List<WeightSpec> weights(List<int[]> in) {
    int[] s = input2D(in);
    int[] k = getInts("kernel_size");
    int m = getInt("depth_multiplier");
    int f = getInt("filters");
    return withBias(f,
        weight("depthwise_kernel", "depthwise", new int[] {k[0], k[1], s[2], m}),
        weight("pointwise_kernel", "pointwise", new int[] {1, 1, s[2] * m, f}));
  }

  @Override
  public long macs(List<int[]> in, int[] out) {
    int[] k = getInts("kernel_size");
    long spatial = (long) out[0] * out[1];
    long mid = (long) in.get(0)[2] * getInt("depth_multiplier");
    return spatial * mid * k[0] * k[1] + spatial * mid * out[2];
  }
}
