package kiln.util.init;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Keras' built-in weight initializers, by their Keras identifiers, with Keras' semantics. The
 * variance-scaling family (glorot, he, lecun) divides its scale by a fan ({@link Fans}) and draws
 * from a uniform distribution or from a normal cut at two standard deviations, whose stddev Keras
 * divides by 0.87962566103423978 (the stddev of a unit normal cut at +-2) so that the cut samples
 * keep the intended stddev. The plain ones use Keras' default arguments: uniform in
 * [-0.05, 0.05], normal and truncated normal with stddev 0.05, the latter without that correction
 * (as {@code keras.initializers.TruncatedNormal} does).
 */
public enum Initializer {
  /** Uniform in [-limit, limit], limit = sqrt(6 / (fan_in + fan_out)); Keras' default kernel. */
  GLOROT_UNIFORM("glorot_uniform", 1, Mode.FAN_AVG, true),
  /** Truncated normal with stddev sqrt(2 / (fan_in + fan_out)). */
  GLOROT_NORMAL("glorot_normal", 1, Mode.FAN_AVG, false),
  /** Truncated normal with stddev sqrt(2 / fan_in). */
  HE_NORMAL("he_normal", 2, Mode.FAN_IN, false),
  /** Uniform with limit sqrt(6 / fan_in). */
  HE_UNIFORM("he_uniform", 2, Mode.FAN_IN, true),
  /** Truncated normal with stddev sqrt(1 / fan_in). */
  LECUN_NORMAL("lecun_normal", 1, Mode.FAN_IN, false),
  /** Uniform with limit sqrt(3 / fan_in). */
  LECUN_UNIFORM("lecun_uniform", 1, Mode.FAN_IN, true),
  /** Normal, mean 0, stddev 0.05. */
  RANDOM_NORMAL("random_normal"),
  /** Uniform in [-0.05, 0.05]. */
  RANDOM_UNIFORM("random_uniform"),
  /** Normal with stddev 0.05 cut at +-0.1 (redrawn), not rescaled. */
  TRUNCATED_NORMAL("truncated_normal"),
  ZEROS("zeros"),
  ONES("ones"),
  /**
   * Keras' Orthogonal (gain 1, Keras' default recurrent kernel of an LSTM): a normal matrix of
   * (product of all but the last dimension) x (last dimension), transposed when it has fewer rows,
   * made orthonormal by QR with the signs of R's diagonal (Gram-Schmidt gives that directly).
   */
  ORTHOGONAL("orthogonal"),
  /**
   * Keras' LSTM bias with {@code unit_forget_bias} and a zeros bias initializer: a vector of four
   * gates (i, f, c, o) of equal length, ones for the forget gate, zeros elsewhere. Not a Keras
   * identifier, so it is left out of {@link #NAMES}; the LSTM layer names it for its bias.
   */
  UNIT_FORGET_BIAS("unit_forget_bias");

  /** Which fan divides a variance-scaling initializer's scale. */
  private enum Mode { FAN_IN, FAN_AVG }

  /** Keras' default stddev (and uniform limit) of the random_* and truncated_normal ones. */
  static final double DEFAULT_SPREAD = 0.05;

  /** Every Keras identifier, in declaration order. */
  public static final List<String> NAMES = Arrays.stream(values())
      .filter(i -> i != UNIT_FORGET_BIAS).map(Initializer::kerasName).toList();

  private final String kerasName;
  private final double scale;
  private final Mode mode;
  private final boolean uniform;

  Initializer(String kerasName) {
    this(kerasName, 0, null, false);
  }

  Initializer(String kerasName, double scale, Mode mode, boolean uniform) {
    this.kerasName = kerasName;
    this.scale = scale;
    this.mode = mode;
    this.uniform = uniform;
  }

  public String kerasName() {
    return kerasName;
  }

  /** The initializer with this Keras identifier. */
  public static Initializer named(String kerasName) {
    for (Initializer i : values()) {
      if (i.kerasName.equals(kerasName)) {
        return i;
      }
    }
    throw new IllegalArgumentException("unknown initializer '" + kerasName + "'; expected one of "
        + String.join(", ", NAMES));
  }

  /** Fresh values for a variable of this shape, drawn from {@code random}. */
  public float[] values(int[] shape, SplittableRandom random) {
    float[] out = new float[Math.toIntExact(elements(shape))];
    switch (this) {
      case ZEROS -> { }
      case ONES -> Arrays.fill(out, 1f);
      case RANDOM_UNIFORM -> Draws.uniform(out, random, DEFAULT_SPREAD);
      case RANDOM_NORMAL -> Draws.normal(out, random, DEFAULT_SPREAD);
      case TRUNCATED_NORMAL -> Draws.truncatedNormal(out, random, DEFAULT_SPREAD);
      case ORTHOGONAL -> Draws.orthogonal(out, shape, random);
      case UNIT_FORGET_BIAS -> unitForgetBias(out);
      default -> varianceScaling(out, Fans.of(shape), random);
    }
    return out;
  }

  /** The values of variable {@code variable} for a run seeded with {@code seed}. */
  public float[] values(int[] shape, long seed, String variable) {
    return values(shape, VariableSeeds.random(seed, variable));
  }

  private static void unitForgetBias(float[] out) {
    if (out.length % 4 != 0) {
      throw new IllegalArgumentException("unit_forget_bias needs a bias of four equal gates, got "
          + out.length + " values");
    }
    int units = out.length / 4;
    Arrays.fill(out, units, 2 * units, 1f);
  }

  /** Keras' VarianceScaling: scale / max(1, fan), as a uniform limit or a truncated stddev. */
  private void varianceScaling(float[] out, Fans fans, SplittableRandom random) {
    double fan = Math.max(1, mode == Mode.FAN_IN ? fans.fanIn() : (fans.fanIn() + fans.fanOut()) / 2);
    if (uniform) {
      // a uniform in [-a, a] has variance a^2 / 3
      Draws.uniform(out, random, Math.sqrt(3 * scale / fan));
    } else {
      Draws.truncatedNormal(out, random, Math.sqrt(scale / fan) / Draws.TRUNCATED_STDDEV);
    }
  }

  private static long elements(int[] shape) {
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }
}
