package kiln.nn;

/** Output sizes of convolutions and pooling, as Keras computes them. */
final class ConvMath {
  private ConvMath() {}

  /** Output length along one axis; 0 or less means the window does not fit. */
  static int outLength(int in, int kernel, int stride, int dilation, String padding) {
    int effective = (kernel - 1) * dilation + 1;
    if ("valid".equals(padding)) {
      return in < effective ? 0 : (in - effective) / stride + 1;
    }
    return (in + stride - 1) / stride; // same, causal
  }

  /** Conv2DTranspose output length (Keras deconv_output_length). */
  static int transposedLength(int in, int kernel, int stride, String padding, Integer outputPadding) {
    if (outputPadding == null) {
      return "valid".equals(padding) ? in * stride + Math.max(kernel - stride, 0) : in * stride;
    }
    int pad = "same".equals(padding) ? kernel / 2 : 0;
    return (in - 1) * stride + kernel - 2 * pad + outputPadding;
  }
}
