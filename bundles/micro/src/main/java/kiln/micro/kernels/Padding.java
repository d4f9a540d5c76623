package kiln.micro.kernels;

import kiln.micro.graph.OpOptions;

/** TFLite's ComputeOutSize / ComputePaddingWithOffset for SAME and VALID padding. */
final class Padding {
  private Padding() {}

  static int outSize(int padding, int in, int filter, int stride, int dilation) {
    int effective = (filter - 1) * dilation + 1;
    if (stride <= 0) {
      return 0;
    }
    return padding == OpOptions.SAME ? (in + stride - 1) / stride
        : (in + stride - effective) / stride;
  }

  /** The padding before the first element (TFLite drops the odd remainder at the far end). */
  static int before(int stride, int dilation, int in, int filter, int out) {
    int effective = (filter - 1) * dilation + 1;
    int total = Math.max((out - 1) * stride + effective - in, 0);
    return total / 2;
  }
}
