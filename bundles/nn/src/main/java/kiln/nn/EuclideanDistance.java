package kiln.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The euclidean distance of two vectors of one shape, per sample: MLTK's {@code
 * Lambda(euclidean_distance)} joining the towers of a Siamese network,
 * {@code sqrt(max(sum((a - b)^2, axis=1, keepdims=True), epsilon))}; argument {@code epsilon}
 * defaults to Keras' backend epsilon, 1e-7, as MLTK uses (the floor keeps the gradient of sqrt
 * finite when both vectors are equal). Inputs (n) give (1).
 */
public final class EuclideanDistance extends Layer {
  public EuclideanDistance(Map<String, ?> kwargs) {
    super("EuclideanDistance", kwargs);
  }

  public EuclideanDistance() {
    this(Map.of());
  }

  @Override
  public int[] outputShape(List<int[]> in) {
    if (in.size() != 2) {
      throw error("expected 2 inputs (the two vectors), got " + in.size());
    }
    int[] a = in.get(0);
    int[] b = in.get(1);
    if (a.length != 1 || !Arrays.equals(a, b)) {
      throw error("expected two inputs of one rank-1 shape (n), as MLTK sums axis 1; got "
          + Arrays.toString(a) + " and " + Arrays.toString(b));
    }
    return new int[] {1};
  }
}
