package kiln.tflite.options;

/** CONCATENATION options. */
public record ConcatenationOptions(int axis, Activation activation) implements BuiltinOptions {
  @Override
  public String typeName() {
    return "ConcatenationOptions";
  }
}
