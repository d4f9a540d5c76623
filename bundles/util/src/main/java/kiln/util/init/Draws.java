package kiln.util.init;

import java.util.SplittableRandom;

/** The three distributions the initializers draw from. StrictMath keeps draws the same anywhere. */
final class Draws {
  /**
   * The stddev of a unit normal cut at +-2 (Keras' constant): a variance-scaling initializer divides
   * its stddev by it so that the truncated samples have the stddev it asked for.
   */
  static final double TRUNCATED_STDDEV = 0.87962566103423978;

  private Draws() {}

  /** Uniform in [-limit, limit). */
  static void uniform(float[] out, SplittableRandom r, double limit) {
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) ((r.nextDouble() * 2 - 1) * limit);
    }
  }

  static void normal(float[] out, SplittableRandom r, double stddev) {
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) (gaussian(r) * stddev);
    }
  }

  /** Normal with this stddev, values beyond two stddevs redrawn. */
  static void truncatedNormal(float[] out, SplittableRandom r, double stddev) {
    for (int i = 0; i < out.length; i++) {
      double v;
      do {
        v = gaussian(r);
      } while (Math.abs(v) > 2);
      out[i] = (float) (v * stddev);
    }
  }

  /**
   * Keras' Orthogonal: rows = product of all but the last dimension, cols = the last; a normal
   * (max, min) matrix is orthonormalized column by column (modified Gram-Schmidt, which leaves R's
   * diagonal positive, as Keras' {@code q * sign(diag(r))} does) and transposed back when rows are
   * fewer than cols.
   */
  static void orthogonal(float[] out, int[] shape, SplittableRandom r) {
    int cols = shape.length == 0 ? 1 : shape[shape.length - 1];
    int rows = cols == 0 ? 0 : out.length / cols;
    int n = Math.max(rows, cols);
    int m = Math.min(rows, cols);
    double[][] q = new double[m][n]; // m columns of length n
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        q[j][i] = gaussian(r);
      }
    }
    for (int j = 0; j < m; j++) {
      for (int k = 0; k < j; k++) {
        double dot = 0;
        for (int i = 0; i < n; i++) {
          dot += q[k][i] * q[j][i];
        }
        for (int i = 0; i < n; i++) {
          q[j][i] -= dot * q[k][i];
        }
      }
      double norm = 0;
      for (int i = 0; i < n; i++) {
        norm += q[j][i] * q[j][i];
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < n; i++) {
        q[j][i] /= norm;
      }
    }
    for (int row = 0; row < rows; row++) {
      for (int col = 0; col < cols; col++) {
        // (n x m) Q when rows >= cols, its transpose otherwise
        out[row * cols + col] = (float) (rows >= cols ? q[col][row] : q[row][col]);
      }
    }
  }

  /** Box-Muller: SplittableRandom has no nextGaussian on Java 17. */
  private static double gaussian(SplittableRandom r) {
    double u1 = 1.0 - r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * u2);
  }
}
