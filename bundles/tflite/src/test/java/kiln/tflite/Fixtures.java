package kiln.tflite;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the shared real-world fixtures are; tests skip visibly when they are absent. */
final class Fixtures {
  private Fixtures() {}

  static Path dir() {
    Path dir = Path.of(System.getProperty("kiln.fixtures", "../../../shared/fixtures"));
    assumeTrue(Files.isDirectory(dir), "fixtures not found at " + dir.toAbsolutePath());
    return dir;
  }

  static Path file(String relative) {
    Path p = dir().resolve(relative);
    assumeTrue(Files.exists(p), "fixture not found: " + p.toAbsolutePath());
    return p;
  }

  /** Every .tflite under tflm/ and mltk/. */
  static List<Path> models() {
    try (Stream<Path> a = Files.list(dir().resolve("tflm"));
        Stream<Path> b = Files.list(dir().resolve("mltk"))) {
      return Stream.concat(a, b).filter(p -> p.toString().endsWith(".tflite")).sorted().toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
