package kiln.tflite.options;

/** SOFTMAX options. */
public record SoftmaxOptions(float beta) implements BuiltinOptions {
  @Override
  public String typeName() {
    return "SoftmaxOptions";
  }
}
