package kiln.micro;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The shared real-world fixtures (models and features published with TFLite Micro and MLTK). */
public final class Fixtures {
  private Fixtures() {}

  public static Path dir() {
    String p = System.getProperty("kiln.fixtures", "../../../shared/fixtures");
    return Path.of(p);
  }

  /** A fixture file's bytes; skips the test visibly when fixtures are absent. */
  public static byte[] read(String relative) {
    Path f = dir().resolve(relative);
    Assumptions.assumeTrue(Files.isRegularFile(f), "fixtures not found at " + f.toAbsolutePath());
    try {
      return Files.readAllBytes(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
