package kiln.keras;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The shared real-world fixtures ({@code -Dkiln.fixtures}); tests that need them skip, visibly, without. */
final class Fixtures {
  private Fixtures() {}

  static Path dir() {
    return Path.of(System.getProperty("kiln.fixtures", "../../../shared/fixtures"));
  }

  /** MLTK's archive of tflite_micro_speech (its .h5, .tflite and .py). */
  static Path mltkArchive() {
    return require("mltk/tflite_micro_speech.mltk.zip");
  }

  static Path require(String relative) {
    Path p = dir().resolve(relative);
    Assumptions.assumeTrue(Files.isRegularFile(p), "fixture not found: " + p.toAbsolutePath());
    return p;
  }
}
