package kiln.tensorflow.train;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import kiln.api.KilnException;

/**
 * Keras' weight initializers computed in Java, seeded per variable name so a seed gives the same
 * initial weights whatever the graph's op order (fan-in/fan-out as Keras computes them).
 */
public final class WeightInit {
  /** Keras divides the truncated normal's stddev by this (the stddev of a unit normal cut at +-2). */
  private static final double TRUNCATED_STDDEV = 0.87962566103423978;

  private WeightInit() {}

  /** The initial values of variable {@code name} of this shape. */
  public static float[] values(String initializer, int[] shape, long seed, String name) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    float[] out = new float[n];
    SplittableRandom r = new SplittableRandom(seed ^ mix(name));
    double[] fans = fans(shape);
    double fanIn = fans[0];
    double fanOut = fans[1];
    switch (initializer) {
      case "zeros" -> { }
      case "ones" -> java.util.Arrays.fill(out, 1f);
      case "glorot_uniform" -> uniform(out, r, Math.sqrt(6.0 / Math.max(1, fanIn + fanOut)));
      case "glorot_normal" -> truncated(out, r, Math.sqrt(2.0 / Math.max(1, fanIn + fanOut)) / TRUNCATED_STDDEV);
      case "he_uniform" -> uniform(out, r, Math.sqrt(6.0 / Math.max(1, fanIn)));
      case "he_normal" -> truncated(out, r, Math.sqrt(2.0 / Math.max(1, fanIn)) / TRUNCATED_STDDEV);
      case "lecun_uniform" -> uniform(out, r, Math.sqrt(3.0 / Math.max(1, fanIn)));
      case "lecun_normal" -> truncated(out, r, Math.sqrt(1.0 / Math.max(1, fanIn)) / TRUNCATED_STDDEV);
      case "random_uniform" -> uniform(out, r, 0.05);
      case "random_normal" -> {
        for (int i = 0; i < n; i++) {
          out[i] = (float) (gaussian(r) * 0.05);
        }
      }
      case "truncated_normal" -> truncated(out, r, 0.05);
      default -> throw new KilnException("initializer of " + name + ": unknown '" + initializer
          + "'; expected one of " + kiln.nn.Initializers.NAMES);
    }
    return out;
  }

  /** Keras' fan-in and fan-out: receptive field times input / output channels. */
  static double[] fans(int[] shape) {
    if (shape.length == 0) {
      return new double[] {1, 1};
    }
    if (shape.length == 1) {
      return new double[] {shape[0], shape[0]};
    }
    if (shape.length == 2) {
      return new double[] {shape[0], shape[1]};
    }
    double receptive = 1;
    for (int i = 0; i < shape.length - 2; i++) {
      receptive *= shape[i];
    }
    return new double[] {shape[shape.length - 2] * receptive, shape[shape.length - 1] * receptive};
  }

  private static void uniform(float[] out, SplittableRandom r, double limit) {
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) ((r.nextDouble() * 2 - 1) * limit);
    }
  }

  private static void truncated(float[] out, SplittableRandom r, double stddev) {
    for (int i = 0; i < out.length; i++) {
      double v;
      do {
        v = gaussian(r);
      } while (Math.abs(v) > 2);
      out[i] = (float) (v * stddev);
    }
  }

  private static double gaussian(SplittableRandom r) {
    // Box-Muller: SplittableRandom has no nextGaussian on Java 17
    double u1 = 1.0 - r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * u2);
  }

  /** A stable 64-bit hash of a name (FNV-1a). */
  static long mix(String name) {
    long h = 0xcbf29ce484222325L;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h ^= b;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
