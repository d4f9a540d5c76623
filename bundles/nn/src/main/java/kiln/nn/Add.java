package kiln.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Element-wise sum of two or more inputs of one shape (residual blocks). */
public final class Add extends Layer {
  public Add(Map<String, ?> kwargs) {
    super("Add", kwargs);
  }

  public Add() {
    this(Map.of());
  }

  @Override
  public int[] outputShape(List<int[]> in) {
    if (in.size() < 2) {
      throw error("expected at least 2 inputs, got " + in.size());
    }
    for (int[] s : in) {
      if (!Arrays.equals(s, in.get(0))) {
        throw error("inputs must have one shape, got " + Arrays.toString(in.get(0)) + " and " + Arrays.toString(s));
      }
    }
    return in.get(0).clone();
  }
}
