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

  /**
   * Output (height, width) of a 2D window sliding over an input (height, width, ...); {@code what}
   * names the window in the error ("kernel", "pool_size") when it does not fit.
   */
  static int[] outputHW(Layer layer, int[] in, int[] window, int[] strides, int[] dilation, String padding, String what) {
    int h = outLength(in[0], window[0], strides[0], dilation[0], padding);
    int w = outLength(in[1], window[1], strides[1], dilation[1], padding);
    if (h <= 0 || w <= 0) {
      throw layer.error(what + " " + window[0] + "x" + window[1] + " does not fit the input " + in[0] + "x" + in[1]
          + " with padding 'valid'");
    }
    return new int[] {h, w};
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
