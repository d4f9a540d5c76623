package kiln.tune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;

/**
 * What a Spark task does with one trial, on whichever executor runs it. Everything here is plain
 * text and numbers (it travels to executors): paths are strings, and kiln.jar is the driver's on
 * this machine or Spark's distributed copy on a cluster.
 *
 * <p>Trial folders: {@code trials/ID/settings.json} (its hyper-parameters, the runs' {@code --hp-file}),
 * {@code build-profile.json} (the untrained int8 layout's profile) and {@code run/} (the archive,
 * checkpoints, the trained model's {@code profile.json}, logs and {@code result.json}). A run is made
 * in a fresh folder beside {@code run/} and moved over it only when complete, so a task that Spark
 * retries or runs twice (speculation) leaves either the old run or a whole new one.
 */
public final class TrialJob implements Serializable {
  private static final long serialVersionUID = 1L;

  /** A system property naming a trial whose first training attempt is killed (to test Spark's retry). */
  public static final String KILL_PROPERTY = "kiln.tune.killFirstAttemptOf";

  private final String model;
  private final String localJar; // null: the jar Spark distributed (SparkContext.addFile)
  private final String kilnHome; // null: the executor's ~/.kiln
  private final String accelerator;
  private final String output;
  private final long seed;
  private final Budgets budgets;
  private final int maxTries;
  private final String killFirstAttemptOf;

  TrialJob(String model, String localJar, String kilnHome, String accelerator, String output, long seed,
      Budgets budgets, int maxTries, String killFirstAttemptOf) {
    this.model = model;
    this.localJar = localJar;
    this.kilnHome = kilnHome;
    this.accelerator = accelerator;
    this.output = output;
    this.seed = seed;
    this.budgets = budgets;
    this.maxTries = maxTries;
    this.killFirstAttemptOf = killFirstAttemptOf;
  }

  Path trialDir(Trial t) {
    return Path.of(output, "trials", t.id());
  }

  /**
   * Profiles the trial's untrained int8 layout ({@code kiln profile NAME --build}) and checks it
   * against the budgets: the verdict comes before any training.
   */
  public TrialResult check(Trial t) throws Exception {
    Path dir = trialDir(t);
    Files.createDirectories(dir);
    Path settings = writeSettings(t);
    List<String> args = new ArrayList<>(List.of("profile", model, "--build", "--accelerator", accelerator,
        "--hp-file", settings.toString(), "--format", "json"));
    Path profileFile = dir.resolve("build-profile.json");
    try {
      String out = runtime().check(args, null);
      JsonNode profile = profileJson(out, "kiln " + String.join(" ", args));
      writeAtomically(profileFile, profile.toPrettyString());
      return verdict(t, Profile.of(profile), budgets, accelerator);
    } catch (Exception e) {
      if (lastTry()) { // a spec that cannot be built at this point fails the same way on every try
        return new TrialResult(t.id(), t.values(), "failed", null, null, null, null, null, null, false,
            "the build profile failed: " + text(e.getMessage()), null);
      }
      throw e;
    }
  }

  /**
   * Trains the trial to {@code epochs} (continuing its previous run's checkpoints when
   * {@code resume}), which also quantizes it and evaluates the int8 model; then profiles the trained
   * .tflite. Returns and writes {@code run/result.json}.
   */
  public TrialResult train(Trial t, int epochs, boolean resume) throws Exception {
    Path dir = trialDir(t);
    Path settings = writeSettings(t);
    Path attempt = dir.resolve(".attempt-" + UUID.randomUUID());
    Path run = dir.resolve("run");
    try {
      if (resume) {
        copyTree(run, attempt); // the previous round's checkpoints, continued in the new folder
      }
      Files.createDirectories(attempt);
      List<String> args = new ArrayList<>(List.of("train", model, "--hp-file", settings.toString(),
          "--epochs", Integer.toString(epochs), "--seed", Long.toString(seed), "-o", attempt.toString()));
      args.add(resume ? "--resume" : "--clean");
      boolean kill = t.id().equals(killFirstAttemptOf) && attemptNumber() == 0;
      KilnRuntime.Result r = runtime().run(args, attempt.resolve("train-log.txt"), null,
          kill ? KilledForTest::killSoon : null);
      if (r.exit() != 0) {
        throw new IllegalStateException("trial " + t.id() + ": kiln " + String.join(" ", args) + " failed (exit "
            + r.exit() + (kill ? ", killed on purpose: " + KILL_PROPERTY : "") + "): " + KilnRuntime.tail(r.output()));
      }
      Path archive;
      try (Stream<Path> s = Files.list(attempt)) {
        archive = s.filter(p -> p.getFileName().toString().endsWith(".kiln.zip")).findFirst()
            .orElseThrow(() -> new IllegalStateException("trial " + t.id() + ": kiln train wrote no archive in "
                + attempt));
      }
      List<String> profileArgs = List.of("profile", archive.toString(), "--accelerator", accelerator, "--format",
          "json");
      JsonNode profile = profileJson(runtime().check(profileArgs, null), "kiln " + String.join(" ", profileArgs));
      Files.writeString(attempt.resolve("profile.json"), profile.toPrettyString());
      Profile p = Profile.of(profile);
      String broken = budgets.broken(p, accelerator);
      double[] acc = accuracies(archive);
      TrialResult result = new TrialResult(t.id(), t.values(), "done", epochs, nan(acc[0]), nan(acc[1]), p.ramBytes(),
          p.flashBytes(), p.latencySeconds(), broken == null, broken, run.resolve(archive.getFileName()).toString());
      result.write(attempt.resolve("result.json"));
      replace(run, attempt);
      return result;
    } catch (Exception e) {
      KilnRuntime.deleteTree(attempt);
      if (lastTry()) {
        return new TrialResult(t.id(), t.values(), "failed", epochs, null, null, null, null, null, false,
            "failed on every try: " + text(e.getMessage()), null);
      }
      throw e;
    }
  }

  /** {@code pending} (to train) or {@code rejected} with the budgets the untrained layout breaks. */
  static TrialResult verdict(Trial t, Profile p, Budgets budgets, String accelerator) {
    String broken = budgets.broken(p, accelerator);
    return new TrialResult(t.id(), t.values(), broken == null ? "pending" : "rejected", null, null, null,
        p.ramBytes(), p.flashBytes(), p.latencySeconds(), broken == null,
        broken == null ? null : "rejected before training: " + broken, null);
  }

  /** The verdict on a build profile made before (for --resume), or null. */
  TrialResult checked(Trial t) {
    Path f = trialDir(t).resolve("build-profile.json");
    try {
      return Files.isRegularFile(f) ? verdict(t, Profile.of(new ObjectMapper().readTree(f.toFile())), budgets,
          accelerator) : null;
    } catch (IOException e) {
      return null; // unreadable: profiled again
    }
  }

  /** The finished result of a run to {@code epochs}, or null (for --resume). */
  TrialResult finished(Trial t, int epochs) {
    Path f = trialDir(t).resolve("run").resolve("result.json");
    try {
      if (Files.isRegularFile(f)) {
        TrialResult r = TrialResult.read(f);
        return r.epochs() != null && r.epochs() == epochs ? r : null;
      }
    } catch (IOException e) {
      // unreadable: trained again
    }
    return null;
  }

  private KilnRuntime runtime() {
    Path jar = Path.of(localJar != null ? localJar : SparkFiles.get("kiln.jar"));
    Path home = kilnHome != null ? Path.of(kilnHome) : Path.of(System.getProperty("user.home"), ".kiln");
    return new KilnRuntime(jar, home);
  }

  private Path writeSettings(Trial t) throws IOException {
    Path dir = trialDir(t);
    Files.createDirectories(dir);
    Path f = dir.resolve("settings.json");
    writeAtomically(f, TrialResult.JSON.writeValueAsString(t.values()));
    return f;
  }

  private static int attemptNumber() {
    TaskContext c = TaskContext.get();
    return c == null ? 0 : c.attemptNumber();
  }

  private boolean lastTry() {
    return attemptNumber() >= maxTries - 1;
  }

  /** The JSON object a {@code --format json} run printed (after any log lines). */
  static JsonNode profileJson(String output, String what) throws IOException {
    int at = output.startsWith("{") ? 0 : output.indexOf("\n{");
    if (at < 0) {
      throw new IllegalStateException(what + " printed no JSON report: " + KilnRuntime.tail(output));
    }
    return new ObjectMapper().readTree(output.substring(at).trim());
  }

  /** Float and int8 accuracy from the archive's evaluation results (NaN when not evaluated). */
  static double[] accuracies(Path archive) throws IOException {
    double[] out = {Double.NaN, Double.NaN};
    try (ZipFile z = new ZipFile(archive.toFile())) {
      String[] entries = {"eval/float/eval-results.json", "eval/tflite/eval-results.json"};
      for (int i = 0; i < 2; i++) {
        var e = z.getEntry(entries[i]);
        if (e != null) {
          JsonNode n = new ObjectMapper().readTree(z.getInputStream(e));
          if (n.path("overall_accuracy").isNumber()) {
            out[i] = n.path("overall_accuracy").asDouble();
          }
        }
      }
    }
    return out;
  }

  private static Double nan(double v) {
    return Double.isNaN(v) ? null : v;
  }

  private static void writeAtomically(Path f, String text) throws IOException {
    Path tmp = f.resolveSibling("." + f.getFileName() + "." + UUID.randomUUID() + ".tmp");
    Files.writeString(tmp, text);
    Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Puts the complete {@code attempt} in place of {@code run}: a rename each, the old one deleted after. */
  private static void replace(Path run, Path attempt) throws IOException {
    Path old = run.resolveSibling(".old-" + UUID.randomUUID());
    if (Files.exists(run)) {
      Files.move(run, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(attempt, run, StandardCopyOption.ATOMIC_MOVE);
    KilnRuntime.deleteTree(old);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) {
      throw new IllegalStateException("cannot continue " + from + ": the previous round left no run");
    }
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
        Path q = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(q);
        } else if (!p.getFileName().toString().endsWith(".lock")) {
          Files.copy(p, q, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static String text(String s) {
    return s == null ? "" : s.strip();
  }

  /** Kills a trial's training process once it has started, for {@link #KILL_PROPERTY}. */
  static final class KilledForTest {
    private KilledForTest() {}

    static void killSoon(Process p) {
      Thread t = new Thread(() -> {
        try {
          Thread.sleep(1500);
        } catch (InterruptedException e) {
          return;
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }, "kiln-tune-kill");
      t.setDaemon(true);
      t.start();
    }
  }
}
