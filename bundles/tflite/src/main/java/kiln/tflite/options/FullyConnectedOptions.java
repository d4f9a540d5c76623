package kiln.tflite.options;

/**
 * FULLY_CONNECTED options.
 *
 * @param weightsFormat 0 default, 1 shuffled 4x16 int8
 * @param quantizedBiasType TensorType code of the bias for quantized kernels, 0 when unset
 */
public record FullyConnectedOptions(Activation activation, int weightsFormat,
    boolean keepNumDims, boolean asymmetricQuantizeInputs, int quantizedBiasType)
    implements BuiltinOptions {
  public FullyConnectedOptions(Activation activation) {
    this(activation, 0, false, false, 0);
  }

  @Override
  public String typeName() {
    return "FullyConnectedOptions";
  }
}
