package kiln.audio;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared real-world fixtures (system property kiln.fixtures). */
public final class Fixtures {
  private Fixtures() {}

  public static Path root() {
    String prop = System.getProperty("kiln.fixtures", "../../../shared/fixtures");
    Path p = Path.of(prop).toAbsolutePath().normalize();
    assumeTrue(Files.isDirectory(p.resolve("tflm")), "fixtures not found at " + p);
    return p;
  }

  public static Path tflm(String name) {
    return root().resolve("tflm").resolve(name);
  }
}
