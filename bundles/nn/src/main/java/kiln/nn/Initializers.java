package kiln.nn;

import java.util.List;

/** The initializer names layers accept (Keras identifiers). Trainers implement them. */
public final class Initializers {
  public static final String GLOROT_UNIFORM = "glorot_uniform";
  public static final String GLOROT_NORMAL = "glorot_normal";
  public static final String HE_NORMAL = "he_normal";
  public static final String HE_UNIFORM = "he_uniform";
  public static final String LECUN_NORMAL = "lecun_normal";
  public static final String LECUN_UNIFORM = "lecun_uniform";
  public static final String RANDOM_NORMAL = "random_normal";
  public static final String RANDOM_UNIFORM = "random_uniform";
  public static final String TRUNCATED_NORMAL = "truncated_normal";
  public static final String ZEROS = "zeros";
  public static final String ONES = "ones";

  /** Every accepted name. */
  public static final List<String> NAMES =
      List.of(GLOROT_UNIFORM, GLOROT_NORMAL, HE_NORMAL, HE_UNIFORM, LECUN_NORMAL, LECUN_UNIFORM,
          RANDOM_NORMAL, RANDOM_UNIFORM, TRUNCATED_NORMAL, ZEROS, ONES);

  private Initializers() {}
}
