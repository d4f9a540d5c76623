package kiln.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ./kiln launcher on a fresh KILN_HOME used by several runs at once, the way a build server or
 * a user with two terminals does: the first run for a jar makes the framework cache while the
 * others wait, and a broken cache is made anew instead of failing every later run.
 */
class ConcurrentHomeIT {
  static Path script;
  static Path jar;
  @TempDir Path home;

  @BeforeAll
  static void findLauncher() {
    script = Paths.get(System.getProperty("kiln.script", "../kiln")).toAbsolutePath();
    jar = Paths.get(System.getProperty("kiln.jar", "target/kiln.jar")).toAbsolutePath();
    assertThat(script).as("the launcher script").exists();
    assertThat(jar).as("the exported runtime").exists();
  }

  @Test
  void threeFirstRunsAtOnceAllSucceed() throws Exception {
    List<Process> runs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      runs.add(start(i, "list", "datasets"));
    }
    for (int i = 0; i < runs.size(); i++) {
      Result r = finish(runs.get(i), i);
      assertThat(r.exit).as("run %d: %s", i, r).isZero();
      assertThat(r.out).as("run %d", i).startsWith("datasets (");
    }
    assertThat(cacheFolders()).as("one framework cache, nothing half-made left").hasSize(1);
  }

  @Test
  void aBrokenCacheIsMadeAnew() throws Exception {
    Result first = finish(start(0, "list", "accelerators"), 0);
    assertThat(first.exit).as(first.toString()).isZero();
    Path cache = cacheFolders().get(0);
    // the state runs racing on one cache left behind: one bundle installed twice
    copyTree(cache.resolve("bundle3"), cache.resolve("bundle99"));
    Result again = finish(start(1, "list", "accelerators"), 1);
    assertThat(again.exit).as(again.toString()).isZero();
    assertThat(again.out).startsWith("accelerators (");
    assertThat(cache.resolve("bundle99")).doesNotExist();
  }

  record Result(int exit, String out, String err) {}

  private Process start(int i, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("bash", script.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd)
        .redirectOutput(home.resolve("out" + i).toFile())
        .redirectError(home.resolve("err" + i).toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().put("KILN_HOME", home.toString());
    pb.environment().put("KILN_JAR", jar.toString()); // never rebuild from the tests
    return pb.start();
  }

  private Result finish(Process p, int i) throws IOException, InterruptedException {
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("run " + i + " did not exit within 300 s");
    }
    return new Result(p.exitValue(),
        Files.readString(home.resolve("out" + i), StandardCharsets.UTF_8),
        Files.readString(home.resolve("err" + i), StandardCharsets.UTF_8));
  }

  /** The framework caches under KILN_HOME/framework (the .jsa archive and the lock aside). */
  private List<Path> cacheFolders() throws IOException {
    try (Stream<Path> s = Files.list(home.resolve("framework"))) {
      return s.filter(p -> !p.getFileName().toString().endsWith(".jsa")
          && !p.getFileName().toString().equals(".lock")).toList();
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Files.copy(p, to.resolve(from.relativize(p).toString()));
      }
    }
  }
}
