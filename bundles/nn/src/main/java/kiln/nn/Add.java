package kiln.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Element-wise sum of two or more inputs (residual blocks). Inputs of one rank broadcast where a
 * dimension is 1, as Keras' merge layers and TensorFlow's add do: BC-ResNet adds a (T, 1, C)
 * branch to (T, F, C).
 */
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
    int[] out = in.get(0).clone();
    for (int[] s : in) {
      if (s.length != out.length) {
        throw error("inputs must have one rank, got " + Arrays.toString(in.get(0)) + " and " + Arrays.toString(s));
      }
      for (int i = 0; i < s.length; i++) {
        if (s[i] != out[i] && s[i] != 1 && out[i] != 1) {
          throw error("inputs must have one shape or broadcast (dimensions equal or 1), got "
              + Arrays.toString(in.get(0)) + " and " + Arrays.toString(s));
        }
        out[i] = Math.max(out[i], s[i]);
      }
    }
    return out;
  }
}
