package kiln.pipeline.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kiln.api.KilnException;
import kiln.api.Progress;
import kiln.util.KilnHome;

/**
 * Starts kiln:tune's driver ({@code tune/}: Apache Spark, a plain Java main, not an OSGi library) as
 * a child process with its own classpath and streams its output. The driver runs each trial through
 * this same kiln.jar in processes of its own, so nothing of Spark is loaded into the framework.
 */
final class TuneLauncher {
  /** The driver's main class. */
  public static final String MAIN = "kiln.tune.TuneMain";
  /** What Spark needs opened on Java 17 (its own spark-submit adds the same). */
  public static final List<String> ADD_OPENS = List.of("sun.nio.ch", "java.nio", "java.lang", "java.util",
      "java.lang.invoke", "sun.util.calendar");

  private TuneLauncher() {}

  /**
   * The driver's command line.
   *
   * @param kilnJar the runtime jar the trials run
   * @param tuneDir the driver's folder: tune.jar and lib/ (its dependency jars)
   * @param args the arguments of kiln:tune, passed on as they are
   */
  public static List<String> command(Path javaBin, Path kilnJar, Path tuneDir, Path kilnHome, List<String> args) {
    Path jar = tuneDir.resolve("tune.jar");
    Path lib = tuneDir.resolve("lib");
    if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) {
      throw new KilnException("kiln:tune: the search driver is not built: expected " + jar + " and " + lib
          + "/ (build it with: mvn -q -DskipTests package -pl tune -am; -Dkiln.tune.dir=DIR points elsewhere)");
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(javaBin.toString());
    for (String p : ADD_OPENS) {
      cmd.add("--add-opens=java.base/" + p + "=ALL-UNNAMED");
    }
    cmd.add("-Djava.awt.headless=true");
    cmd.add("-cp");
    cmd.add(jar + java.io.File.pathSeparator + lib.resolve("*"));
    cmd.add(MAIN);
    cmd.add("--kiln-jar");
    cmd.add(kilnJar.toString());
    cmd.add("--kiln-home");
    cmd.add(kilnHome.toString());
    cmd.addAll(args);
    return cmd;
  }

  /** Runs the driver, each of its output lines to {@code out}; returns its exit status. */
  public static int run(List<String> command, Progress out) {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    } catch (IOException e) {
      throw new KilnException("kiln:tune: cannot start the search driver (" + command.get(0) + "): "
          + e.getMessage(), e);
    }
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        out.message(line);
      }
      return p.waitFor();
    } catch (IOException e) {
      throw new KilnException("kiln:tune: lost the search driver's output: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
      Thread.currentThread().interrupt();
      throw new KilnException("kiln:tune: interrupted; the search driver was stopped (--resume continues it)");
    } finally {
      if (p.isAlive()) {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
      }
    }
  }

  /**
   * The kiln.jar this framework was started from: {@code -Dkiln.jar} (set by ./kiln), else the
   * {@code -jar} argument of this process.
   */
  public static Path kilnJar() {
    String prop = System.getProperty("kiln.jar");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop).toAbsolutePath();
    }
    Optional<String[]> args = ProcessHandle.current().info().arguments();
    if (args.isPresent()) {
      String[] a = args.get();
      for (int i = 0; i + 1 < a.length; i++) {
        if (a[i].equals("-jar")) {
          return Path.of(a[i + 1]).toAbsolutePath();
        }
      }
    }
    throw new KilnException("kiln:tune: cannot tell which kiln.jar is running (start Kiln with ./kiln, or java"
        + " -Dkiln.jar=PATH -jar PATH)");
  }

  /** {@code -Dkiln.tune.dir}, else {@code tune/target} of the project kiln.jar was built in. */
  public static Path tuneDir(Path kilnJar) {
    String prop = System.getProperty("kiln.tune.dir");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop).toAbsolutePath();
    }
    // kiln.jar is ROOT/run/target/kiln.jar; the driver is built into ROOT/tune/target
    Path root = kilnJar.getParent() == null || kilnJar.getParent().getParent() == null ? null
        : kilnJar.getParent().getParent().getParent();
    if (root == null) {
      throw new KilnException("kiln:tune: " + kilnJar + " is not in a Kiln build (ROOT/run/target); set"
          + " -Dkiln.tune.dir to the folder holding tune.jar and lib/");
    }
    return root.resolve("tune").resolve("target");
  }

  /** The java binary of this process. */
  public static Path java() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /** The Kiln home (~/.kiln) the trials share: datasets, caches. */
  public static Path kilnHome() {
    return KilnHome.dir();
  }
}
