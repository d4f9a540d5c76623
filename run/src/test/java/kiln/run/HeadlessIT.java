package kiln.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exported kiln.jar run as a process, the way ./kiln runs it: output and exit codes. */
class HeadlessIT {
  static Path jar;
  @TempDir static Path home;

  @BeforeAll
  static void findJar() {
    jar = Paths.get(System.getProperty("kiln.jar", "target/kiln.jar"));
    assertThat(jar).as("the exported runtime").exists();
  }

  @Test
  void versionPrintsKilnJavaAndTheTensorFlowNativeVersion() throws Exception {
    Result r = kiln("version");
    assertThat(r.exit).as(r.toString()).isZero();
    assertThat(r.out).contains("Kiln 0.1.0").contains("Java 17").containsPattern("TensorFlow native 2\\.18\\.\\d");
  }

  @Test
  void listAcceleratorsSucceeds() throws Exception {
    Result r = kiln("list", "accelerators");
    assertThat(r.exit).as(r.toString()).isZero();
    assertThat(r.out).startsWith("accelerators (");
  }

  @Test
  void anUnknownVerbFailsWithOneClearLine() throws Exception {
    Result r = kiln("nosuchverb");
    assertThat(r.exit).isEqualTo(2);
    assertThat(r.err.strip()).isEqualTo("kiln: unknown command 'nosuchverb' (./kiln help lists the commands)");
  }

  @Test
  void aCommandErrorNamesWhatWasWrongAndExitsNonZero() throws Exception {
    Result r = kiln("list", "gadgets");
    assertThat(r.exit).isEqualTo(1);
    assertThat(r.err.strip()).startsWith("kiln list: unknown kind 'gadgets': expected one of datasets,");
  }

  @Test
  void wrongArgumentsAreAUsageError() throws Exception {
    Result r = kiln("list", "accelerators", "extra", "args");
    assertThat(r.exit).as(r.toString()).isEqualTo(2);
    assertThat(r.err).contains("kiln list: wrong arguments");
  }

  @Test
  void aPluginInThePluginsFolderIsPickedUpByAHeadlessRun() throws Exception {
    Path plugins = home.resolve("plugins");
    Files.createDirectories(plugins);
    Files.copy(Paths.get(System.getProperty("kiln.testAccelerator")), plugins.resolve("test-accelerator.jar"),
        StandardCopyOption.REPLACE_EXISTING);
    try {
      Result r = kiln("list", "accelerators");
      assertThat(r.exit).as(r.toString()).isZero();
      assertThat(r.out).contains("test-acc").contains("kiln.test-accelerator");
    } finally {
      Files.delete(plugins.resolve("test-accelerator.jar"));
    }
  }

  @Test
  void aTrainerPluginInThePluginsFolderTrainsInTheNextHeadlessRun() throws Exception {
    Path plugins = home.resolve("plugins");
    Files.createDirectories(plugins);
    Path plugin = plugins.resolve("test-steps.jar");
    Files.copy(Paths.get(System.getProperty("kiln.testSteps")), plugin, StandardCopyOption.REPLACE_EXISTING);
    Path dir = Files.createTempDirectory(home, "spec");
    Path spec = dir.resolve("plugin_tones.java");
    Files.writeString(spec, PipelinePluginOsgiTest.SPEC);
    try {
      Result r = kiln("train", spec.toString(), "--trainer", "test-trainer", "--seed", "7");
      assertThat(r.exit).as(r.toString()).isZero();
      assertThat(r.out).contains("trainer test-trainer (test trainer: seeded random weights, no learning")
          .contains("seed 7").contains("quantizing plugin_tones with ptq-int8");
      assertThat(dir.resolve("plugin_tones.kiln.zip")).exists();
    } finally {
      Files.delete(plugin);
    }
    Result gone = kiln("train", spec.toString(), "--trainer", "test-trainer");
    assertThat(gone.exit).as(gone.toString()).isEqualTo(1);
    assertThat(gone.err + gone.out).contains("no trainer named 'test-trainer' is installed");
  }

  record Result(int exit, String out, String err) {}

  static Result kiln(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(
        Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dkiln.home=" + home,
        "-Dfelix.fileinstall.dir=" + home.resolve("plugins"),
        "-Dorg.osgi.framework.storage=" + home.resolve("framework"),
        "-jar", jar.toString()));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(home, "out", ".txt");
    Path err = Files.createTempFile(home, "err", ".txt");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("kiln " + String.join(" ", args) + " did not exit within 120 s");
    }
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
