package kiln.tflite.options;

/**
 * CONV_2D options.
 *
 * @param quantizedBiasType TensorType code of the bias for quantized kernels, 0 when unset
 */
public record Conv2DOptions(Padding padding, int strideW, int strideH, Activation activation,
    int dilationW, int dilationH, int quantizedBiasType) implements BuiltinOptions {
  /** Options without dilation. */
  public Conv2DOptions(Padding padding, int strideW, int strideH, Activation activation) {
    this(padding, strideW, strideH, activation, 1, 1, 0);
  }

  @Override
  public String typeName() {
    return "Conv2DOptions";
  }
}
