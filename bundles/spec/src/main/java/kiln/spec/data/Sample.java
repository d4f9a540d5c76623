package kiln.spec.data;

/**
 * One element of a {@link SpecDataset}: features, flat in row-major order, and a target. A target of
 * length 1 is a class index (or a binary label); a longer one is a one-hot vector (or, for an
 * autoencoder, ignored: class mode {@code input} trains on x itself).
 */
public record Sample(float[] x, float[] y) {
  public Sample {
    if (x == null || y == null) {
      throw new IllegalArgumentException("a sample needs features x and a target y, got "
          + (x == null ? "no x" : "no y"));
    }
  }

  /** A sample labelled with a class index. */
  public static Sample of(float[] x, int label) {
    return new Sample(x, new float[] {label});
  }

  /** The class index: the label itself, or the position of the largest entry of a one-hot target. */
  public int label() {
    if (y.length == 1) {
      return Math.round(y[0]);
    }
    int best = 0;
    for (int c = 1; c < y.length; c++) {
      if (y[c] > y[best]) {
        best = c;
      }
    }
    return best;
  }
}
