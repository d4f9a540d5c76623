package kiln.tflite.options;

/** MEAN, SUM, REDUCE_MAX, ... options. */
public record ReducerOptions(boolean keepDims) implements BuiltinOptions {
  @Override
  public String typeName() {
    return "ReducerOptions";
  }
}
