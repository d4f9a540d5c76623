package kiln.micro.kernels;

/**
 * Chooses between the Vector API int8 kernels ({@link VecConv}, {@link VecDepthwise}) and the
 * scalar ones. The vector classes are only loaded when {@code jdk.incubator.vector} is visible to
 * this bundle (the JVM runs with {@code --add-modules jdk.incubator.vector} and, inside OSGi, the
 * framework exports it; the bundle imports it optionally) and has at least 8 int lanes, and the
 * system property {@code kiln.micro.vector} is not {@code false}. Both paths give identical bytes.
 */
final class VectorSupport {
  private VectorSupport() {}

  private static final boolean AVAILABLE = probe();
  /** Tests switch the path per model; read when a kernel is prepared. */
  static volatile boolean enabled = AVAILABLE
      && !"false".equalsIgnoreCase(System.getProperty("kiln.micro.vector"));

  private static boolean probe() {
    try {
      Class.forName("jdk.incubator.vector.IntVector", false, VectorSupport.class.getClassLoader());
      return Lanes.ints() >= 8;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Whether the vector module is present (whatever the switch says). */
  static boolean available() {
    return AVAILABLE;
  }

  /** Whether kernels prepared now use the vector path. */
  static boolean enabled() {
    return enabled;
  }

  /** Sets the path for kernels prepared from now on (tests); true needs the module. */
  static void setEnabled(boolean on) {
    enabled = on && AVAILABLE;
  }

  /** Touches the vector classes only when called, after the probe found the module. */
  private static final class Lanes {
    static int ints() {
      return jdk.incubator.vector.IntVector.SPECIES_PREFERRED.length();
    }
  }
}
