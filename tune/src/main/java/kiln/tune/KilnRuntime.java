package kiln.tune;

import java.io.IOException;
import java.io.Serializable;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs Kiln's headless runtime ({@code java -jar kiln.jar VERB ARGS}) as a child process: a trial is
 * exactly what {@code ./kiln train} does. Like the ./kiln launcher, the OSGi framework cache of a
 * kiln.jar is made once (by a {@code list} run into a folder of its own, moved into place whole)
 * and then only read by every run, so trials running at once never install bundles concurrently.
 */
public final class KilnRuntime implements Serializable {
  private static final long serialVersionUID = 1L;

  /** A finished run: exit status and its output (stdout and stderr together). */
  public record Result(int exit, String output) {}

  private final Path jar;
  private final Path home;

  /** @param home the Kiln home (datasets, caches); on a cluster worker, that worker's */
  public KilnRuntime(Path jar, Path home) {
    this.jar = jar;
    this.home = home;
  }

  public Path jar() {
    return jar;
  }

  /**
   * Runs {@code kiln ARGS}, its output lines to {@code lines} as they come (null: none) and into
   * {@code log} when not null; {@code started} receives the process (to be killed by a test).
   */
  public Result run(List<String> args, Path log, Consumer<String> lines, Consumer<Process> started)
      throws IOException, InterruptedException {
    Path storage = framework();
    List<String> cmd = command(storage);
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    environment(pb);
    Process p = pb.start();
    if (started != null) {
      started.accept(p);
    }
    StringBuilder out = new StringBuilder();
    try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        out.append(line).append('\n');
        if (lines != null) {
          lines.accept(line);
        }
      }
      int exit = p.waitFor();
      if (log != null) {
        Files.writeString(log, out, StandardCharsets.UTF_8);
      }
      return new Result(exit, out.toString());
    } finally {
      if (p.isAlive()) { // interrupted (Spark cancelled the task): no orphan trainings
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /** Runs {@code kiln ARGS}; a non-zero exit is an exception quoting the end of the output. */
  public String check(List<String> args, Path log) throws IOException, InterruptedException {
    Result r = run(args, log, null, null);
    if (r.exit() != 0) {
      throw new IllegalStateException("kiln " + String.join(" ", args) + " failed (exit " + r.exit() + "): "
          + tail(r.output()));
    }
    return r.output();
  }

  private List<String> command(Path storage) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Djava.awt.headless=true");
    cmd.add("-Dkiln.home=" + home);
    cmd.add("-Dkiln.jar=" + jar);
    cmd.add("-Dfelix.fileinstall.dir=" + home.resolve("plugins"));
    cmd.add("-Dorg.bytedeco.javacpp.cachedir=" + home.resolve("cache"));
    cmd.add("-Dorg.osgi.framework.storage=" + storage);
    cmd.add("-jar");
    cmd.add(jar.toString());
    return cmd;
  }

  private static void environment(ProcessBuilder pb) {
    // as ./kiln: quiet TensorFlow, and no oneDNN kernels (SIGILL on some virtualized AMD CPUs)
    pb.environment().putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "1");
    pb.environment().putIfAbsent("TF_ENABLE_ONEDNN_OPTS", "0");
  }

  /**
   * The framework cache of this kiln.jar under {@code HOME/tune/framework/} (apart from ./kiln's,
   * which sweeps caches of other jars), made once under a file lock by whichever run comes first.
   */
  Path framework() throws IOException, InterruptedException {
    // one JVM holds one lock of a file: Spark's task threads (each with its own copy of this object) take turns
    synchronized (KilnRuntime.class) {
      return prepareFramework();
    }
  }

  private Path prepareFramework() throws IOException, InterruptedException {
    Path root = home.resolve("tune").resolve("framework");
    Files.createDirectories(root);
    Path storage = root.resolve(Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis());
    if (Files.isDirectory(storage)) {
      return storage;
    }
    try (FileChannel ch = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = ch.lock()) {
      if (Files.isDirectory(storage)) {
        return storage;
      }
      Path tmp = Files.createTempDirectory(root, ".new-");
      List<String> cmd = command(tmp);
      cmd.add("list");
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      environment(pb);
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exit = p.waitFor();
      if (exit != 0) {
        deleteTree(tmp);
        throw new IllegalStateException("cannot prepare Kiln's framework cache for " + jar + " (exit " + exit + "): "
            + tail(out));
      }
      Files.move(tmp, storage, StandardCopyOption.ATOMIC_MOVE);
      return storage;
    }
  }

  static String tail(String output) {
    String[] lines = output.strip().split("\n");
    int from = Math.max(0, lines.length - 15);
    return String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
