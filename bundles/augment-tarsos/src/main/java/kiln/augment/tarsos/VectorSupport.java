package kiln.augment.tarsos;

/**
 * Chooses between WSOLA's Vector API offset search ({@link VecCorrelation}) and the scalar one. The
 * vector class is only loaded when {@code jdk.incubator.vector} is visible to this bundle (the JVM
 * runs with {@code --add-modules jdk.incubator.vector} and, inside OSGi, the framework exports it;
 * the bundle imports it optionally) with at least 4 double lanes, and the system property
 * {@code kiln.tarsos.vector} is not {@code false}. Both paths give identical correlations.
 */
final class VectorSupport {
  private VectorSupport() {}

  private static final boolean AVAILABLE = probe();
  /** Tests switch the path; read on every search. */
  private static volatile boolean enabled = AVAILABLE
      && !"false".equalsIgnoreCase(System.getProperty("kiln.tarsos.vector"));

  private static boolean probe() {
    try {
      Class.forName("jdk.incubator.vector.DoubleVector", false, VectorSupport.class.getClassLoader());
      return Lanes.doubles() >= 4;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Whether the vector module is present (whatever the switch says). */
  static boolean available() {
    return AVAILABLE;
  }

  /** Whether searches use the vector path now. */
  static boolean enabled() {
    return enabled;
  }

  /** Sets the path for searches from now on (tests); true needs the module. */
  static void setEnabled(boolean on) {
    enabled = on && AVAILABLE;
  }

  /** Touches the vector classes only when called, after the probe found the module. */
  private static final class Lanes {
    static int doubles() {
      return jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.length();
    }
  }
}
