package kiln.tflite.options;

/** MUL options. */
public record MulOptions(Activation activation) implements BuiltinOptions {
  @Override
  public String typeName() {
    return "MulOptions";
  }
}
