package kiln.tflite.options;

/** SUB options. */
public record SubOptions(Activation activation, boolean potScaleInt16) implements BuiltinOptions {
  public SubOptions(Activation activation) {
    this(activation, true);
  }

  @Override
  public String typeName() {
    return "SubOptions";
  }
}
