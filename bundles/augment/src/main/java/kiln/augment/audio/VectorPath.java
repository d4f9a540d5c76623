package kiln.augment.audio;

/**
 * Whether {@link FloatFft} runs its radix-4 stages through {@link FloatFftVector} (the Vector API). Only when
 * {@code jdk.incubator.vector} is visible to this bundle (the JVM runs with {@code --add-modules
 * jdk.incubator.vector} and, inside OSGi, the framework exports it; the bundle imports it
 * optionally), its float vector has at least 2 lanes, and the system property
 * {@code kiln.augment.vector} is not {@code false}. Both paths do the same IEEE operations in the
 * same order, so they give identical bits; the vector classes are loaded only after the probe.
 */
final class VectorPath {
  private VectorPath() {}

  /** Floats per vector (0 without the module). */
  static final int LANES = probe();
  /** Tests switch the path; read at the start of every transform. */
  static volatile boolean enabled = LANES >= 2 && !"false".equalsIgnoreCase(System.getProperty("kiln.augment.vector"));

  private static int probe() {
    try {
      Class.forName("jdk.incubator.vector.FloatVector", false, VectorPath.class.getClassLoader());
      return FloatFftVector.lanes();
    } catch (ClassNotFoundException | LinkageError e) {
      return 0;
    }
  }

  /** Sets the path (tests); true needs the module. */
  static void setEnabled(boolean on) {
    enabled = on && LANES >= 2;
  }
}
