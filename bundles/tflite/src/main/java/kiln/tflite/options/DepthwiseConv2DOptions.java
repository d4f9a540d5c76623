package kiln.tflite.options;

/** DEPTHWISE_CONV_2D options. */
public record DepthwiseConv2DOptions(Padding padding, int strideW, int strideH,
    int depthMultiplier, Activation activation, int dilationW, int dilationH)
    implements BuiltinOptions {
  /** Options without dilation. */
  public DepthwiseConv2DOptions(Padding padding, int strideW, int strideH, int depthMultiplier,
      Activation activation) {
    this(padding, strideW, strideH, depthMultiplier, activation, 1, 1);
  }

  @Override
  public String typeName() {
    return "DepthwiseConv2DOptions";
  }
}
