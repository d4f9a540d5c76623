package kiln.tflite.options;

/** STRIDED_SLICE options (bit masks over dimensions). */
public record StridedSliceOptions(int beginMask, int endMask, int ellipsisMask, int newAxisMask,
    int shrinkAxisMask, boolean offset) implements BuiltinOptions {
  @Override
  public String typeName() {
    return "StridedSliceOptions";
  }
}
