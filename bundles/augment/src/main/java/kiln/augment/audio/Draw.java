package kiln.augment.audio;

import java.util.SplittableRandom;

/** Random draws shared by the augmenters. */
final class Draw {
  private Draw() {}

  /** Uniform in [lo, hi) (exactly lo when lo == hi). */
  static double uniform(SplittableRandom random, double[] range) {
    return range[0] + (range[1] - range[0]) * random.nextDouble();
  }

  /** A standard normal value (Box-Muller). */
  static double gaussian(SplittableRandom random) {
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
