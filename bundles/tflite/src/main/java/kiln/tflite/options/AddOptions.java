package kiln.tflite.options;

/** ADD options. */
public record AddOptions(Activation activation, boolean potScaleInt16) implements BuiltinOptions {
  public AddOptions(Activation activation) {
    this(activation, true);
  }

  @Override
  public String typeName() {
    return "AddOptions";
  }
}
