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

  /** Box-Muller: SplittableRandom has no nextGaussian on Java 17. */
  private static double gaussian(SplittableRandom r) {
    double u1 = 1.0 - r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * u2);
  }
}
