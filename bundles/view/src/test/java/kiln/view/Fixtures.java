package kiln.view;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import kiln.api.platform.Accelerator;
import kiln.platform.cortexm.internal.CortexM33Accelerator;
import kiln.platform.mvp.MvpAccelerator;

/** The shared real-world fixtures (-Dkiln.fixtures) and the real accelerator back-ends. */
final class Fixtures {
  private Fixtures() {}

  /** A fixture file; skips the test visibly when the fixtures are absent. */
  static Path file(String relative) {
    Path p = Path.of(System.getProperty("kiln.fixtures", "../../../shared/fixtures")).resolve(relative);
    assumeTrue(Files.isRegularFile(p), "fixtures not found at " + p.toAbsolutePath());
    return p;
  }

  /** Kiln's own interpreter, whose check decides which ops may be coloured supported. */
  static kiln.api.model.Interpreter interpreter() {
    return new kiln.micro.internal.MicroInterpreterService();
  }

  static Map<String, Accelerator> accelerators() {
    Map<String, Accelerator> m = new TreeMap<>();
    m.put("none", new CortexM33Accelerator());
    m.put("mvp", new MvpAccelerator());
    return m;
  }
}
