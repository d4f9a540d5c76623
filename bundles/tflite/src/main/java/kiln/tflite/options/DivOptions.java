package kiln.tflite.options;

/** DIV options. */
public record DivOptions(Activation activation) implements BuiltinOptions {
  @Override
  public String typeName() {
    return "DivOptions";
  }
}
