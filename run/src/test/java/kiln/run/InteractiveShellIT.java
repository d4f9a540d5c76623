package kiln.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported kiln.jar started without arguments, as {@code ./kiln} does, on a pseudo terminal
 * (util-linux {@code script}): the Gogo prompt appears, commands run, a plugin dropped into the
 * watched folder appears in {@code kiln:list accelerators} and goes away when deleted, and leaving
 * the shell ends the JVM with the exit code.
 */
class InteractiveShellIT {
  static final String PROMPT = "g! ";
  static final Duration START = Duration.ofSeconds(120);
  static final Duration STEP = Duration.ofSeconds(60);
  static final Duration HOT_PLUG = Duration.ofSeconds(45);

  static Path jar;
  @TempDir Path home;
  Shell shell;

  @BeforeAll
  static void findJarAndScript() {
    jar = Paths.get(System.getProperty("kiln.jar", "target/kiln.jar")).toAbsolutePath();
    assertThat(jar).as("the exported runtime").exists();
    org.junit.jupiter.api.Assumptions.assumeTrue(onPath("script"),
        "util-linux 'script' not found: no pseudo terminal to run the interactive shell on");
  }

  @AfterEach
  void stop() {
    if (shell != null) {
      shell.kill();
    }
  }

  @Test
  void theShellListsCommandsSeesPluginsComeAndGoAndExitsWithTheCode() throws Exception {
    Path plugins = home.resolve("plugins");
    Files.createDirectories(plugins);
    shell = Shell.start(home, plugins);
    shell.awaitPrompt(START);

    String first = shell.run("kiln:list accelerators", STEP);
    assertThat(first).contains("accelerators (").contains("none").doesNotContain("test-acc");

    Path plugin = plugins.resolve("test-accelerator.jar");
    Files.copy(Paths.get(System.getProperty("kiln.testAccelerator")), plugin, StandardCopyOption.REPLACE_EXISTING);
    String withPlugin = shell.runUntil("kiln:list accelerators", out -> out.contains("test-acc"), HOT_PLUG);
    assertThat(withPlugin).contains("test-acc").contains("kiln.test-accelerator");

    Files.delete(plugin);
    String without = shell.runUntil("kiln:list accelerators", out -> !out.contains("test-acc"), HOT_PLUG);
    assertThat(without).contains("accelerators (").doesNotContain("test-acc");

    shell.send("exit 5");
    assertThat(shell.awaitExit(STEP)).as(shell.output()).isEqualTo(5);
  }

  @Test
  void ctrlDLeavesTheShellWithExitCodeZero() throws Exception {
    shell = Shell.start(home, home.resolve("plugins"));
    shell.awaitPrompt(START);
    shell.sendRaw("\u0004");
    assertThat(shell.awaitExit(STEP)).as(shell.output()).isZero();
  }

  static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Paths.get(dir, program))) {
        return true;
      }
    }
    return false;
  }

  /** kiln.jar under {@code script}, which gives it a pseudo terminal; output collected as it comes. */
  static final class Shell {
    private final Process process;
    private final OutputStream in;
    private final StringBuilder out = new StringBuilder();

    private Shell(Process process) {
      this.process = process;
      this.in = process.getOutputStream();
      Thread reader = new Thread(() -> pump(process.getInputStream()), "kiln-shell-output");
      reader.setDaemon(true);
      reader.start();
    }

    static Shell start(Path home, Path plugins) throws IOException {
      String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
      String command = String.join(" ", quote(java),
          quote("-Dkiln.home=" + home),
          quote("-Dfelix.fileinstall.dir=" + plugins),
          quote("-Dorg.osgi.framework.storage=" + home.resolve("framework")),
          "-jar", quote(jar.toString()));
      ProcessBuilder pb = new ProcessBuilder(List.of("script", "-qfec", command, "/dev/null"))
          .redirectErrorStream(true);
      pb.environment().put("TERM", "dumb"); // plain line editing: no escape sequences to match around
      return new Shell(pb.start());
    }

    private static String quote(String s) {
      return "'" + s.replace("'", "'\\''") + "'";
    }

    private void pump(InputStream stream) {
      byte[] buf = new byte[8192];
      try {
        for (int n; (n = stream.read(buf)) > 0; ) {
          synchronized (out) {
            out.append(new String(buf, 0, n, StandardCharsets.UTF_8).replace("\r", ""));
            out.notifyAll();
          }
        }
      } catch (IOException e) {
        // the process ended
      }
    }

    String output() {
      synchronized (out) {
        return out.toString();
      }
    }

    void awaitPrompt(Duration timeout) throws InterruptedException {
      await(0, PROMPT, timeout);
    }

    /** Waits until {@code text} appears at or after {@code from}; returns the index after it. */
    private int await(int from, String text, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      synchronized (out) {
        while (true) {
          int at = out.indexOf(text, from);
          if (at >= 0) {
            return at + text.length();
          }
          long left = deadline - System.nanoTime();
          if (left <= 0 || !process.isAlive() && out.indexOf(text, from) < 0) {
            throw new AssertionError("no '" + text.strip() + "' within " + timeout.toSeconds() + " s"
                + (process.isAlive() ? "" : " (the process ended)") + "; output so far:\n" + out);
          }
          out.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
        }
      }
    }

    void send(String line) throws IOException {
      sendRaw(line + "\n");
    }

    void sendRaw(String keys) throws IOException {
      in.write(keys.getBytes(StandardCharsets.UTF_8));
      in.flush();
    }

    /** Runs one command line and returns what it printed, up to the next prompt. */
    String run(String line, Duration timeout) throws IOException, InterruptedException {
      int mark = output().length();
      send(line);
      int echoed = await(mark, line, timeout);
      int end = await(echoed, PROMPT, timeout);
      return output().substring(echoed, end - PROMPT.length());
    }

    /** Runs the command line again (a second apart) until its output passes the check. */
    String runUntil(String line, java.util.function.Predicate<String> check, Duration timeout)
        throws IOException, InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      String last;
      do {
        last = run(line, STEP);
        if (check.test(last)) {
          return last;
        }
        Thread.sleep(1000);
      } while (System.nanoTime() < deadline);
      throw new AssertionError("'" + line + "' did not print what was expected within "
          + timeout.toSeconds() + " s; last output:\n" + last);
    }

    int awaitExit(Duration timeout) throws InterruptedException {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("the shell did not end within " + timeout.toSeconds() + " s; output:\n" + output());
      }
      return process.exitValue();
    }

    void kill() {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
