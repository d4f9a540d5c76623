package kiln.util.vector;

import java.util.function.IntSupplier;

/**
 * Whether a bundle's Vector API code path runs. It runs only when {@code jdk.incubator.vector} is
 * visible to the bundle (the JVM runs with {@code --add-modules jdk.incubator.vector} and, inside
 * OSGi, the framework exports it; the bundle imports it optionally), the preferred vector has
 * enough lanes, and the bundle's system property is not {@code false}. Each bundle's paths give
 * the same values as its scalar loops, so the switch changes speed only; tests flip it.
 */
public final class VectorSwitch {
  private final int lanes;
  private final int minLanes;
  private volatile boolean enabled;

  private VectorSwitch(int lanes, int minLanes, String property) {
    this.lanes = lanes;
    this.minLanes = minLanes;
    this.enabled = available() && !"false".equalsIgnoreCase(System.getProperty(property));
  }

  /**
   * Probes for {@code vectorClass} (e.g. {@code jdk.incubator.vector.IntVector}) through
   * {@code anchor}'s class loader without initializing it; only if it is there asks {@code lanes}
   * for the preferred lane count. {@code lanes} must touch the Vector API only when called (a
   * lambda calling a nested class), so that a JVM without the module never loads those classes.
   */
  public static VectorSwitch probe(Class<?> anchor, String vectorClass, IntSupplier lanes, int minLanes,
      String property) {
    int n;
    try {
      Class.forName(vectorClass, false, anchor.getClassLoader());
      n = lanes.getAsInt();
    } catch (ClassNotFoundException | LinkageError e) {
      n = 0;
    }
    return new VectorSwitch(n, minLanes, property);
  }

  /** The preferred vector's lanes, 0 without the module. */
  public int lanes() {
    return lanes;
  }

  /** Whether the module is there with enough lanes (whatever the switch says). */
  public boolean available() {
    return lanes >= minLanes;
  }

  /** Whether the vector path runs now. */
  public boolean enabled() {
    return enabled;
  }

  /** Sets the path from now on (tests); true needs {@link #available()}. */
  public void setEnabled(boolean on) {
    enabled = on && available();
  }
}
