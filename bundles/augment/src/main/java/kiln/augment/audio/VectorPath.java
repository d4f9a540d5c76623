package kiln.augment.audio;

import kiln.util.vector.VectorSwitch;

/**
 * Whether {@link FloatFft} runs its radix-4 stages through {@link FloatFftVector} (the Vector API):
 * with the module, at least 2 float lanes, and {@code kiln.augment.vector} not {@code false}
 * ({@link VectorSwitch}). Both paths do the same IEEE operations in the same order, so they give
 * identical bits.
 */
final class VectorPath {
  private VectorPath() {}

  private static final VectorSwitch SWITCH = VectorSwitch.probe(VectorPath.class,
      "jdk.incubator.vector.FloatVector", () -> FloatFftVector.lanes(), 2, "kiln.augment.vector");
  /** Floats per vector (0 without the module). */
  static final int LANES = SWITCH.lanes();

  /** Whether transforms use the vector stages now; read at the start of every transform. */
  static boolean enabled() {
    return SWITCH.enabled();
  }

  /** Sets the path (tests); true needs the module. */
  static void setEnabled(boolean on) {
    SWITCH.setEnabled(on);
  }
}
