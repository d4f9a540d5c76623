package kiln.nn;

import java.util.Map;

/**
 * Weight regularizers as config values: {@code {"l2": 0.01}}. The trainer adds
 * {@code l1 * sum(|w|) + l2 * sum(w^2)} to the loss, as Keras does.
 */
public final class Regularizers {
  private Regularizers() {}

  /** Keras {@code L2(l2)}. */
  public static Map<String, Double> l2(double factor) {
    return Map.of("l2", factor);
  }

  /** Keras {@code L1(l1)}. */
  public static Map<String, Double> l1(double factor) {
    return Map.of("l1", factor);
  }

  /** Keras {@code L1L2(l1, l2)}. */
  public static Map<String, Double> l1l2(double l1, double l2) {
    return Map.of("l1", l1, "l2", l2);
  }
}
