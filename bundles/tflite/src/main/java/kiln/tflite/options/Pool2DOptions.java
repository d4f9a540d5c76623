package kiln.tflite.options;

/** AVERAGE_POOL_2D, MAX_POOL_2D and L2_POOL_2D options. */
public record Pool2DOptions(Padding padding, int strideW, int strideH, int filterWidth,
    int filterHeight, Activation activation) implements BuiltinOptions {
  @Override
  public String typeName() {
    return "Pool2DOptions";
  }
}
