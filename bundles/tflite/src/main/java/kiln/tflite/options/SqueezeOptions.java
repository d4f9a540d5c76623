package kiln.tflite.options;

import java.util.Arrays;

/** SQUEEZE options: the dimensions to remove (all size-1 dimensions when empty). */
public record SqueezeOptions(int[] squeezeDims) implements BuiltinOptions {
  public SqueezeOptions {
    squeezeDims = squeezeDims == null ? new int[0] : squeezeDims.clone();
  }

  @Override
  public int[] squeezeDims() {
    return squeezeDims.clone();
  }

  @Override
  public String typeName() {
    return "SqueezeOptions";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SqueezeOptions s && Arrays.equals(s.squeezeDims, squeezeDims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(squeezeDims);
  }

  @Override
  public String toString() {
    return "SqueezeOptions[squeezeDims=" + Arrays.toString(squeezeDims) + "]";
  }
}
