package kiln.profile;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.TreeMap;
import kiln.api.platform.Accelerator;
import kiln.platform.cortexm.internal.CortexM33Accelerator;
import kiln.platform.mvp.MvpAccelerator;

final class Fixtures {
  private Fixtures() {}

  static Path mltk(String file) {
    Path dir = Paths.get(System.getProperty("kiln.fixtures", "../../../shared/fixtures"));
    Path p = dir.resolve("mltk").resolve(file);
    assumeTrue(Files.isRegularFile(p), "fixtures not found at " + p.toAbsolutePath());
    return p;
  }

  static Path mvpDir() {
    Path dir = Paths.get(System.getProperty("kiln.fixtures", "../../../shared/fixtures"));
    assumeTrue(Files.isDirectory(dir.resolve("mvp")), "fixtures not found at " + dir);
    return dir.resolve("mvp");
  }

  /** Kiln's own interpreter, whose check decides which layers the profiler may call supported. */
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
