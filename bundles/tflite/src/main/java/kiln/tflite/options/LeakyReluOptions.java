package kiln.tflite.options;

/** LEAKY_RELU options. */
public record LeakyReluOptions(float alpha) implements BuiltinOptions {
  @Override
  public String typeName() {
    return "LeakyReluOptions";
  }
}
