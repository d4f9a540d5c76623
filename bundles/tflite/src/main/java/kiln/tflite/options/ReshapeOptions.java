package kiln.tflite.options;

import java.util.Arrays;

/** RESHAPE options: the new shape (TFLite also takes it from the second input). */
public record ReshapeOptions(int[] newShape) implements BuiltinOptions {
  public ReshapeOptions {
    newShape = newShape == null ? new int[0] : newShape.clone();
  }

  @Override
  public int[] newShape() {
    return newShape.clone();
  }

  @Override
  public String typeName() {
    return "ReshapeOptions";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReshapeOptions r && Arrays.equals(r.newShape, newShape);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(newShape);
  }

  @Override
  public String toString() {
    return "ReshapeOptions[newShape=" + Arrays.toString(newShape) + "]";
  }
}
