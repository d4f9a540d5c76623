package kiln.augment.tarsos;

import kiln.util.vector.VectorSwitch;

/**
 * Chooses between WSOLA's Vector API offset search ({@link VecCorrelation}) and the scalar one: the
 * vector search with the module, at least 4 double lanes, and {@code kiln.tarsos.vector} not
 * {@code false} ({@link VectorSwitch}). Both paths give identical correlations.
 */
final class VectorSupport {
  private VectorSupport() {}

  private static final VectorSwitch SWITCH = VectorSwitch.probe(VectorSupport.class,
      "jdk.incubator.vector.DoubleVector", () -> Lanes.doubles(), 4, "kiln.tarsos.vector");

  /** Whether the vector module is present (whatever the switch says). */
  static boolean available() {
    return SWITCH.available();
  }

  /** Whether searches use the vector path now. */
  static boolean enabled() {
    return SWITCH.enabled();
  }

  /** Sets the path for searches from now on (tests); true needs the module. */
  static void setEnabled(boolean on) {
    SWITCH.setEnabled(on);
  }

  /** Touches the vector classes only when called, after the probe found the module. */
  private static final class Lanes {
    static int doubles() {
      return jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.length();
    }
  }
}
