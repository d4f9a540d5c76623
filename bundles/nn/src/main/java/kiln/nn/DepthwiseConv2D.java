package kiln.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Depthwise 2D convolution; depthwise_kernel [kh, kw, in, depth_multiplier], bias [in * depth_multiplier]. */
public final class DepthwiseConv2D extends Layer {
  public DepthwiseConv2D(Map<String, ?> kwargs) {
    super("DepthwiseConv2D", kwargs);
  }

  public DepthwiseConv2D(int kernelHeight, int kernelWidth) {
    this(Args.kw("kernel_size", List.of(kernelHeight, kernelWidth)));
  }

  @Override
  public int[] outputShape(List<int[]> in) {
    int[] s = single(in, 3, "(height, width, channels)");
    int[] k = getInts("kernel_size");
    int[] st = getInts("strides");
    int[] d = getInts("dilation_rate");
    String p = getString("padding");
    int h = ConvMath.outLength(s[0], k[0], st[0], d[0], p);
    int w = ConvMath.outLength(s[1], k[1], st[1], d[1], p);
    if (h <= 0 || w <= 0) {
      throw error("kernel " + k[0] + "x" + k[1] + " does not fit the input " + s[0] + "x" + s[1] + " with padding 'valid'");
    }
    return new int[] {h, w, s[2] * getInt("depth_multiplier")};
  }

  @Override
  public List<WeightSpec> weights(List<int[]> in) {
    int[] s = single(in, 3, "(height, width, channels)");
    int[] k = getInts("kernel_size");
    int m = getInt("depth_multiplier");
    List<WeightSpec> w = new ArrayList<>();
    w.add(new WeightSpec("depthwise_kernel", new int[] {k[0], k[1], s[2], m}, true,
        getString("depthwise_initializer"), getMap("depthwise_regularizer")));
    if (getBool("use_bias")) {
      w.add(new WeightSpec("bias", new int[] {s[2] * m}, true, getString("bias_initializer"), getMap("bias_regularizer")));
    }
    return w;
  }

  @Override
  public long macs(List<int[]> in, int[] out) {
    int[] k = getInts("kernel_size");
    return product(out) * k[0] * k[1];
  }
}
