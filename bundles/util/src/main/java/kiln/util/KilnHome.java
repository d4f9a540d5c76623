package kiln.util;

import java.nio.file.Path;
import java.nio.file.Paths;

/** Where Kiln keeps its per-user files: {@code $KILN_HOME}, else {@code ~/.kiln}. */
public final class KilnHome {
  private KilnHome() {}

  /** The Kiln home directory (not created). System property {@code kiln.home} wins over the env. */
  public static Path dir() {
    String prop = System.getProperty("kiln.home");
    if (prop != null && !prop.isBlank()) {
      return Paths.get(prop);
    }
    String env = System.getenv("KILN_HOME");
    if (env != null && !env.isBlank()) {
      return Paths.get(env);
    }
    return Paths.get(System.getProperty("user.home"), ".kiln");
  }

  /** Downloaded and unpacked native libraries, datasets caches and the like. */
  public static Path cache() {
    return dir().resolve("cache");
  }

  /** Where dataset providers keep downloaded datasets. */
  public static Path datasets() {
    return dir().resolve("datasets");
  }

  /** The watched folder of plugin bundles. */
  public static Path plugins() {
    return dir().resolve("plugins");
  }
}
