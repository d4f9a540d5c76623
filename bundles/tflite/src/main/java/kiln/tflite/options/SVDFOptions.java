package kiln.tflite.options;

/**
 * SVDF options (TFLite schema table {@code SVDFOptions}: field 0 {@code rank}, 1
 * {@code fused_activation_function}, 2 {@code asymmetric_quantize_inputs}).
 *
 * @param rank the rank of the factorisation: filters per unit
 * @param asymmetricQuantizeInputs hybrid (float input, int8 weights) kernels only
 */
public record SVDFOptions(int rank, Activation activation, boolean asymmetricQuantizeInputs)
    implements BuiltinOptions {
  public SVDFOptions(int rank, Activation activation) {
    this(rank, activation, false);
  }

  @Override
  public String typeName() {
    return "SVDFOptions";
  }
}
