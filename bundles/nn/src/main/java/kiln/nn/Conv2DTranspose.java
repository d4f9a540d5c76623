package kiln.nn;

import kiln.api.model.WeightSpec;
import java.util.List;
import java.util.Map;

/** Transposed 2D convolution; kernel [kh, kw, filters, in] (Keras layout), bias [filters]. */
public final class Conv2DTranspose extends BaseConv {
  public Conv2DTranspose(Map<String, ?> kwargs) {
    super("Conv2DTranspose", kwargs);
  }

  public Conv2DTranspose(int filters, int kernelHeight, int kernelWidth) {
    this(Args.kw("filters", filters, "kernel_size", List.of(kernelHeight, kernelWidth)));
  }

  @Override
  public int[] outputShape(List<int[]> in) {
    int[] s = input2D(in);
    int[] k = getInts("kernel_size");
    int[] st = getInts("strides");
    if (!List.of(1, 1).equals(get("dilation_rate"))) {
      throw error("dilation_rate other than (1, 1) is not supported, got " + get("dilation_rate"));
    }
    int[] op = get("output_padding") == null ? null : getInts("output_padding");
    String p = getString("padding");
    int h = ConvMath.transposedLength(s[0], k[0], st[0], p, op == null ? null : op[0]);
    int w = ConvMath.transposedLength(s[1], k[1], st[1], p, op == null ? null : op[1]);
    return new int[] {h, w, getInt("filters")};
  }

  @Override
  public List<WeightSpec> weights(List<int[]> in) {
    int[] s = input2D(in);
    int[] k = getInts("kernel_size");
    int f = getInt("filters");
    return withBias(f, weight("kernel", "kernel", new int[] {k[0], k[1], f, s[2]}));
  }

  @Override
  public long macs(List<int[]> in, int[] out) {
    int[] k = getInts("kernel_size");
    return product(in.get(0)) * k[0] * k[1] * out[2];
  }
}
