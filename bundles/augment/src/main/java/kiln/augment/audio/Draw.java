package kiln.augment.audio;

import java.util.SplittableRandom;

/** Random draws shared by the augmenters. */
final class Draw {
  private Draw() {}

  /** Uniform in [lo, hi) (exactly lo when lo == hi). */
  static double uniform(SplittableRandom random, double[] range) {
    return range[0] + (range[1] - range[0]) * random.nextDouble();
  }

  /** A standard normal value (the ziggurat method). */
  static double normal(SplittableRandom random) {
    return Ziggurat.next(random);
  }
}
