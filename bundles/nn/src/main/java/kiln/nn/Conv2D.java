package kiln.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** 2D convolution; kernel [kh, kw, in, filters], bias [filters]. */
public final class Conv2D extends Layer {
  public Conv2D(Map<String, ?> kwargs) {
    super("Conv2D", kwargs);
  }

  public Conv2D(int filters, int kernelHeight, int kernelWidth) {
    this(Args.kw("filters", filters, "kernel_size", List.of(kernelHeight, kernelWidth)));
  }

  public Conv2D(int filters, int kernelSize) {
    this(filters, kernelSize, kernelSize);
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
    return new int[] {h, w, getInt("filters")};
  }

  @Override
  public List<WeightSpec> weights(List<int[]> in) {
    int[] s = single(in, 3, "(height, width, channels)");
    int[] k = getInts("kernel_size");
    int f = getInt("filters");
    List<WeightSpec> w = new ArrayList<>();
    w.add(new WeightSpec("kernel", new int[] {k[0], k[1], s[2], f}, true,
        getString("kernel_initializer"), getMap("kernel_regularizer")));
    if (getBool("use_bias")) {
      w.add(new WeightSpec("bias", new int[] {f}, true, getString("bias_initializer"), getMap("bias_regularizer")));
    }
    return w;
  }

  @Override
  public long macs(List<int[]> in, int[] out) {
    int[] k = getInts("kernel_size");
    return product(out) * k[0] * k[1] * in.get(0)[2];
  }
}
