package kiln.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The mean over some axes ({@code tf.reduce_mean} / {@code tf.keras.backend.mean} in a Keras model,
 * which Keras records as a TFOpLambda). Axes are numbered as TensorFlow numbers them, with the batch
 * at 0: {@code axis=2, keepdims=true} turns (T, F, C) into (T, 1, C).
 */
public final class ReduceMean extends Layer {
  public ReduceMean(Map<String, ?> kwargs) {
    super("ReduceMean", kwargs);
  }

  public ReduceMean(int axis, boolean keepdims) {
    this(Args.kw("axis", axis, "keepdims", keepdims));
  }

  /** The reduced axes of an input of this shape (batch excluded), ascending, from 0. */
  public int[] axes(int[] s) {
    int rank = s.length + 1;
    int[] a = getInts("axis");
    int[] r = new int[a.length];
    for (int i = 0; i < a.length; i++) {
      int v = a[i] < 0 ? a[i] + rank : a[i];
      if (v <= 0 || v >= rank) {
        throw error("axis " + a[i] + " is outside the input of shape (None, "
            + Arrays.toString(s).replaceAll("[\\[\\]]", "") + ") or is the batch axis");
      }
      r[i] = v - 1;
    }
    Arrays.sort(r);
    for (int i = 1; i < r.length; i++) {
      if (r[i] == r[i - 1]) {
        throw error("axis " + Arrays.toString(a) + " names one axis twice");
      }
    }
    return r;
  }

  @Override
  public int[] outputShape(List<int[]> in) {
    int[] s = single(in, 0, "");
    int[] axes = axes(s);
    boolean keep = getBool("keepdims");
    int[] out = new int[keep ? s.length : s.length - axes.length];
    int k = 0;
    for (int i = 0; i < s.length; i++) {
      boolean reduced = Arrays.binarySearch(axes, i) >= 0;
      if (!reduced) {
        out[k++] = s[i];
      } else if (keep) {
        out[k++] = 1;
      }
    }
    if (out.length == 0) {
      throw error("reducing every axis of " + Arrays.toString(s) + " without keepdims leaves a scalar per sample;"
          + " keep at least one axis");
    }
    return out;
  }
}
