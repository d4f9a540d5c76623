package kiln.tensorflow;

import java.nio.file.Files;
import java.nio.file.Path;
import kiln.api.KilnException;
import kiln.util.KilnHome;
import org.tensorflow.TensorFlow;

/**
 * Loads TensorFlow's native library once, with javacpp's cache under Kiln's home so the ~650 MB of
 * unpacked natives land in {@code ~/.kiln/cache} (or {@code $KILN_HOME/cache}) and not in the user's
 * home at large.
 */
public final class TensorFlowRuntime {
  /** javacpp reads this system property to find where it unpacks native libraries. */
  static final String CACHE_DIR_PROPERTY = "org.bytedeco.javacpp.cachedir";

  private static volatile String version;

  private TensorFlowRuntime() {}

  /** Points javacpp's cache at Kiln's cache folder unless the user chose another one. */
  public static void configureNativeCache() {
    if (System.getProperty(CACHE_DIR_PROPERTY) == null) {
      Path dir = KilnHome.cache();
      try {
        Files.createDirectories(dir);
      } catch (java.io.IOException e) {
        throw new KilnException("cannot create the native library cache " + dir + ": " + e.getMessage(), e);
      }
      System.setProperty(CACHE_DIR_PROPERTY, dir.toString());
    }
  }

  /**
   * The version of the TensorFlow native library, loading it on first call.
   *
   * @throws KilnException when the native library cannot be loaded (missing platform fragment, bad
   *     cache directory)
   */
  public static String version() {
    String v = version;
    if (v == null) {
      synchronized (TensorFlowRuntime.class) {
        v = version;
        if (v == null) {
          configureNativeCache();
          try {
            v = TensorFlow.version();
          } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
            throw new KilnException(
                "cannot load the TensorFlow native library for "
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
                    + " (expected the kiln.tensorflow-linux-x86_64 fragment; cache "
                    + System.getProperty(CACHE_DIR_PROPERTY) + "): " + e,
                e);
          }
          version = v;
        }
      }
    }
    return v;
  }
}
