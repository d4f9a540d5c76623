package kiln.util.init;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * One random stream per variable, from the run's seed and the variable's name (FNV-1a), so a seed
 * gives the same initial values whatever order the variables are created in.
 */
public final class VariableSeeds {
  private VariableSeeds() {}

  public static SplittableRandom random(long seed, String variable) {
    return new SplittableRandom(seed ^ fnv1a(variable));
  }

  static long fnv1a(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
