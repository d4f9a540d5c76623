package kiln.tflite.options;

/** TRANSPOSE_CONV options. */
public record TransposeConvOptions(Padding padding, int strideW, int strideH,
    Activation activation, int quantizedBiasType) implements BuiltinOptions {
  @Override
  public String typeName() {
    return "TransposeConvOptions";
  }
}
