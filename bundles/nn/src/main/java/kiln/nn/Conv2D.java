package kiln.nn;

import kiln.api.model.WeightSpec;
import java.util.List;
import java.util.Map;

/** 2D convolution; kernel [kh, kw, in, filters], bias [filters]. */
public final class Conv2D extends BaseConv {
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
    int[] hw = convolvedHW(input2D(in));
    return new int[] {hw[0], hw[1], getInt("filters")};
  }

  @Override
  public List<WeightSpec> weights(List<int[]> in) {
    int[] s = input2D(in);
    int[] k = getInts("kernel_size");
    int f = getInt("filters");
    return withBias(f, weight("kernel", "kernel", new int[] {k[0], k[1], s[2], f}));
  }

  @Override
  public long macs(List<int[]> in, int[] out) {
    int[] k = getInts("kernel_size");
    return product(out) * k[0] * k[1] * in.get(0)[2];
  }
}
