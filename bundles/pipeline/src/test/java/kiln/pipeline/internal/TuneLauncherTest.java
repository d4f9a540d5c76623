package kiln.pipeline.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kiln.api.KilnException;
import kiln.api.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kiln:tune's side in the framework: the driver's command line, and its output streamed. */
class TuneLauncherTest {
  @TempDir Path dir;

  @Test
  void theDriverGetsSparksOpensItsClasspathKilnJarAndTheArguments() throws Exception {
    Path tune = Files.createDirectories(dir.resolve("tune/target"));
    Files.writeString(tune.resolve("tune.jar"), "jar");
    Files.createDirectories(tune.resolve("lib"));
    Path jar = dir.resolve("run/target/kiln.jar");
    assertThat(TuneLauncher.tuneDir(jar)).isEqualTo(tune);
    List<String> cmd = TuneLauncher.command(Path.of("/jdk/bin/java"), jar, tune, dir.resolve("home"),
        List.of("--max-ram", "16k", "m"));
    assertThat(cmd).containsExactly("/jdk/bin/java",
        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED", "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
        "-Djava.awt.headless=true", "-cp", tune.resolve("tune.jar") + ":" + tune.resolve("lib") + "/*",
        "kiln.tune.TuneMain", "--kiln-jar", jar.toString(), "--kiln-home", dir.resolve("home").toString(),
        "--max-ram", "16k", "m");
  }

  @Test
  void aDriverNotBuiltIsNamedWithTheBuildCommand() {
    assertThatThrownBy(() -> TuneLauncher.command(Path.of("java"), dir.resolve("kiln.jar"), dir.resolve("none"),
        dir, List.of("m"))).isInstanceOf(KilnException.class)
        .hasMessageContaining("the search driver is not built")
        .hasMessageContaining("mvn -q -DskipTests package -pl tune");
  }

  @Test
  void theDriversLinesAreStreamedAndItsStatusReturned() {
    List<String> lines = new ArrayList<>();
    Progress p = new Progress() {
      @Override
      public void report(String task, long done, long total) {}

      @Override
      public void message(String line) {
        lines.add(line);
      }
    };
    int status = TuneLauncher.run(List.of("sh", "-c", "echo one; echo two >&2; exit 3"), p);
    assertThat(status).isEqualTo(3);
    assertThat(lines).containsExactly("one", "two");
  }
}
