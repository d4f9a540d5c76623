package kiln.micro.kernels;

import kiln.util.vector.VectorSwitch;

/**
 * Chooses between the Vector API int8 kernels ({@link VecConv}, {@link VecDepthwise}) and the
 * scalar ones: the vector kernels with the module, at least 8 int lanes, and
 * {@code kiln.micro.vector} not {@code false} ({@link VectorSwitch}). Both paths give identical
 * bytes.
 */
final class VectorSupport {
  private VectorSupport() {}

  private static final VectorSwitch SWITCH = VectorSwitch.probe(VectorSupport.class,
      "jdk.incubator.vector.IntVector", () -> Lanes.ints(), 8, "kiln.micro.vector");

  /** Whether the vector module is present (whatever the switch says). */
  static boolean available() {
    return SWITCH.available();
  }

  /** Whether kernels prepared now use the vector path. */
  static boolean enabled() {
    return SWITCH.enabled();
  }

  /** Sets the path for kernels prepared from now on (tests); true needs the module. */
  static void setEnabled(boolean on) {
    SWITCH.setEnabled(on);
  }

  /** Touches the vector classes only when called, after the probe found the module. */
  private static final class Lanes {
    static int ints() {
      return jdk.incubator.vector.IntVector.SPECIES_PREFERRED.length();
    }
  }
}
