package kiln.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Joins two or more inputs along axis (default the last); the other dimensions must match. */
public final class Concatenate extends Layer {
  public Concatenate(Map<String, ?> kwargs) {
    super("Concatenate", kwargs);
  }

  public Concatenate() {
    this(Map.of());
  }

  @Override
  public int[] outputShape(List<int[]> in) {
    if (in.size() < 2) {
      throw error("expected at least 2 inputs, got " + in.size());
    }
    int rank = in.get(0).length;
    int a = getInt("axis");
    int axis = a < 0 ? rank + a : a;
    if (axis < 0 || axis >= rank) {
      throw error("axis " + a + " is outside inputs of rank " + rank);
    }
    int[] out = in.get(0).clone();
    out[axis] = 0;
    for (int[] s : in) {
      boolean fits = s.length == rank;
      for (int i = 0; fits && i < rank; i++) {
        fits = i == axis || s[i] == out[i];
      }
      if (!fits) {
        throw error("inputs must match except on axis " + a + ", got " + Arrays.toString(in.get(0)) + " and " + Arrays.toString(s));
      }
      out[axis] += s[axis];
    }
    return out;
  }
}
