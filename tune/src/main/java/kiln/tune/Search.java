package kiln.tune;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.ExceptionFailure;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * The search: asks kiln.jar for the spec's space, draws the trials, profiles each one's untrained
 * int8 layout and rejects those over budget, trains the rest as Spark tasks (successive halving
 * for {@code hyperband}), and writes the results, the Pareto plot and the best fitting trial.
 */
public final class Search {
  private final TuneOptions o;
  private final PrintStream out;

  public Search(TuneOptions options, PrintStream out) {
    this.o = options;
    this.out = out;
  }

  /** Runs the search; returns the best trial within the budgets, or null. */
  public TrialResult run() throws Exception {
    long start = System.nanoTime();
    Files.createDirectories(o.output().resolve("trials"));
    Budgets budgets = new Budgets(o.maxRamBytes(), o.maxFlashBytes(), o.maxLatencySeconds());
    KilnRuntime kiln = new KilnRuntime(o.kilnJar(), o.kilnHome());
    List<Trial> trials = trials(kiln);
    out.printf(Locale.ROOT, "kiln tune %s: %d trials (%s), accelerator %s, budgets %s, objective %s, Spark master %s,"
            + " output %s%n", o.model(), trials.size(), o.strategy(), o.accelerator(), budgets.describe(), o.objective(),
        o.master(), o.output());

    SparkConf conf = new SparkConf().setAppName("kiln-tune " + o.model()).setMaster(o.master())
        .set("spark.ui.enabled", "false")
        // one trial is one task: Spark retries it on failure; speculative copies are harmless (see TrialJob)
        .set("spark.task.maxFailures", "4");
    if (o.localEngine()) {
      conf.set("spark.driver.bindAddress", "127.0.0.1").set("spark.driver.host", "127.0.0.1");
    }
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      sc.setLogLevel("WARN");
      String jar = o.kilnJar().toString();
      if (!o.localEngine()) {
        sc.addFile(jar); // executors take it with SparkFiles.get("kiln.jar")
      }
      TrialJob job = new TrialJob(o.model(), o.localEngine() ? jar : null,
          o.localEngine() ? o.kilnHome().toString() : null, o.accelerator(), o.output().toString(), o.seed(), budgets,
          4, System.getProperty(TrialJob.KILL_PROPERTY));
      Progress progress = new Progress(sc);
      sc.sc().addSparkListener(progress);

      Map<String, TrialResult> results = new LinkedHashMap<>();
      List<Trial> pending = check(sc, job, trials, results, progress);
      train(sc, job, pending, results, progress);
      Results table = new Results(new ArrayList<>(results.values()), o.objective());
      for (TrialResult r : table.all()) {
        r.write(job.trialDir(new Trial(r.id(), r.hyperparameters())).resolve("result.json"));
      }
      table.write(o.output());
      Path png = o.output().resolve("pareto.png");
      if (!table.plotted().isEmpty()) {
        ParetoPlot.write(table, o.objective(), png);
      } else {
        Files.deleteIfExists(png);
      }
      out.println();
      out.print(table.text());
      out.println();
      TrialResult best = table.best();
      out.printf(Locale.ROOT, "Searched %d trials in %.1f s; wrote %s (results.txt, results.json, results.csv%s)%n",
          trials.size(), (System.nanoTime() - start) / 1e9, o.output(), table.plotted().isEmpty() ? "" : ", pareto.png");
      if (best == null) {
        out.println("No trial met the budgets (" + budgets.describe() + ")");
      } else {
        out.printf(Locale.ROOT, "Best within the budgets: %s (%s): %s %.4f, RAM %s, flash %s, latency %s; archive %s%n",
            best.id(), new Trial(best.id(), best.hyperparameters()).describe(), o.objective(),
            best.objective(o.objective()), Units.size(best.ramBytes()), Units.size(best.flashBytes()),
            best.latencySeconds() == null ? "?" : Units.millis(best.latencySeconds()), best.archive());
        // the search chose this trial by its score on the validation samples, so that score is
        // optimistic for it: an honest figure needs data the search never looked at
        out.println("  (" + o.objective() + " is the selection score, measured on the validation samples the"
            + " search chose by; expect less on new data: evaluate the archive on samples the search never saw)");
      }
      return best;
    }
  }

  /** The trials: a resumed search's own list, else drawn from the space kiln tune_space prints. */
  private List<Trial> trials(KilnRuntime kiln) throws Exception {
    Path saved = o.output().resolve("trials.json");
    if (o.resume() && Files.isRegularFile(saved)) {
      List<Trial> list = new ArrayList<>();
      var root = TrialResult.JSON.readTree(saved.toFile());
      for (var t : root) {
        @SuppressWarnings("unchecked")
        Map<String, Object> values = TrialResult.JSON.convertValue(t.path("values"), LinkedHashMap.class);
        list.add(new Trial(t.path("id").asText(), values));
      }
      out.println("Resuming the search in " + o.output() + " (" + list.size() + " trials)");
      return list;
    }
    String space = kiln.check(List.of("tune_space", o.model()), null);
    SearchSpace s = SearchSpace.parse(space.substring(Math.max(0, space.indexOf('{'))));
    int n = o.trials() > 0 ? o.trials() : (int) Math.min(o.strategy().equals("grid") ? 1000 : 16, s.gridSize());
    List<Map<String, Object>> points = o.strategy().equals("grid") ? s.grid(n) : s.random(n, o.seed());
    List<Trial> list = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      list.add(new Trial(Trial.id(i), points.get(i)));
    }
    if (points.size() < n) {
      out.println("The space has " + points.size() + " points: " + points.size() + " trials instead of " + n);
    }
    Files.writeString(saved, TrialResult.JSON.writeValueAsString(list));
    return list;
  }

  /** Profiles each trial's untrained layout (a Spark task each); returns those within budget. */
  private List<Trial> check(JavaSparkContext sc, TrialJob job, List<Trial> trials, Map<String, TrialResult> results,
      Progress progress) {
    out.println("Profiling the untrained int8 layout of each trial (kiln profile --build) ...");
    List<Trial> todo = new ArrayList<>();
    Map<String, TrialResult> checked = new LinkedHashMap<>();
    for (Trial t : trials) {
      TrialResult known = o.resume() ? job.checked(t) : null;
      if (known != null) {
        checked.put(t.id(), known);
      } else {
        todo.add(t);
      }
    }
    if (todo.size() < trials.size()) {
      out.println((trials.size() - todo.size()) + " trials were profiled before (--resume)");
    }
    if (!todo.isEmpty()) {
      progress.stage("build profile", todo, r -> r.status().equals("rejected") || r.status().equals("failed")
          ? r.reason() : "fits: " + figures(r));
      for (TrialResult r : sc.parallelize(todo, todo.size()).map(job::check).collect()) {
        checked.put(r.id(), r);
      }
    }
    List<Trial> pending = new ArrayList<>();
    for (Trial t : trials) {
      TrialResult r = checked.get(t.id());
      if (r.status().equals("pending")) {
        pending.add(t);
      } else {
        results.put(r.id(), r);
      }
    }
    return pending;
  }

  /** Trains the trials within budget: one round, or successive halving's rounds of growing epochs. */
  private void train(JavaSparkContext sc, TrialJob job, List<Trial> pending, Map<String, TrialResult> results,
      Progress progress) {
    List<Integer> rounds = rounds(pending.size());
    List<Trial> alive = new ArrayList<>(pending);
    for (int round = 0; round < rounds.size() && !alive.isEmpty(); round++) {
      int epochs = rounds.get(round);
      boolean resume = round > 0;
      List<Trial> todo = new ArrayList<>();
      Map<String, TrialResult> roundResults = new LinkedHashMap<>();
      for (Trial t : alive) {
        TrialResult done = o.resume() ? job.finished(t, epochs) : null;
        if (done != null) {
          out.println("[" + t.id() + "] already trained to " + epochs(epochs) + " (--resume): " + figures(done));
          roundResults.put(t.id(), done);
        } else {
          todo.add(t);
        }
      }
      out.printf(Locale.ROOT, "Training %d trials%s to %s ...%n", todo.size(),
          rounds.size() > 1 ? " (round " + (round + 1) + " of " + rounds.size() + ")" : "", epochs(epochs));
      if (!todo.isEmpty()) {
        progress.stage("trained " + epochs(epochs), todo, r -> r.status().equals("failed") ? r.reason()
            : figures(r) + (Boolean.TRUE.equals(r.meetsBudgets()) ? "" : "; over budget: " + r.reason()));
        for (TrialResult r : sc.parallelize(todo, todo.size()).map(t -> job.train(t, epochs, resume)).collect()) {
          roundResults.put(r.id(), r);
        }
      }
      results.putAll(roundResults);
      if (round + 1 < rounds.size()) {
        alive = keep(alive, roundResults, results);
      }
    }
  }

  /** Successive halving: the better half (by the objective) goes on; the rest are stopped. */
  private List<Trial> keep(List<Trial> alive, Map<String, TrialResult> round, Map<String, TrialResult> results) {
    List<Trial> ranked = new ArrayList<>(alive.stream().filter(t -> round.get(t.id()).status().equals("done")).toList());
    ranked.sort(Comparator.comparing((Trial t) -> {
      Double v = round.get(t.id()).objective(o.objective());
      return v == null ? -1 : v;
    }).reversed().thenComparing(Trial::id));
    List<Trial> kept = ranked.subList(0, (ranked.size() + 1) / 2);
    for (Trial t : ranked.subList(kept.size(), ranked.size())) {
      TrialResult r = round.get(t.id());
      results.put(t.id(), r.withStatus("stopped", "stopped after " + epochs(r.epochs()) + " by successive halving"));
      out.println("[" + t.id() + "] stopped early (successive halving): " + figures(r));
    }
    return new ArrayList<>(kept);
  }

  /** Epochs of each round: one round of --epochs-per-trial, or halving rounds ending there. */
  List<Integer> rounds(int trials) {
    if (!o.strategy().equals("hyperband") || trials < 2) {
      return List.of(o.epochsPerTrial());
    }
    // n trials: log2(n) rounds of halving, each round's epochs doubling up to --epochs-per-trial
    int count = 1 + (int) Math.floor(Math.log(trials) / Math.log(2));
    List<Integer> epochs = new ArrayList<>();
    for (int r = 0; r < count; r++) {
      int e = Math.max(1, o.epochsPerTrial() >> (count - 1 - r));
      if (epochs.isEmpty() || e > epochs.get(epochs.size() - 1)) {
        epochs.add(e);
      }
    }
    return epochs;
  }

  private String figures(TrialResult r) {
    StringBuilder sb = new StringBuilder();
    if (r.valAccuracy() != null || r.int8Accuracy() != null) {
      sb.append(String.format(Locale.ROOT, "val_accuracy %s, int8_accuracy %s, ", num(r.valAccuracy()),
          num(r.int8Accuracy())));
    }
    sb.append("RAM ").append(r.ramBytes() == null ? "?" : Units.size(r.ramBytes()));
    sb.append(", flash ").append(r.flashBytes() == null ? "?" : Units.size(r.flashBytes()));
    sb.append(", latency ").append(r.latencySeconds() == null ? "?" : Units.millis(r.latencySeconds()));
    return sb.toString();
  }

  private static String epochs(int n) {
    return n + (n == 1 ? " epoch" : " epochs");
  }

  private static String num(Double v) {
    return v == null ? "?" : String.format(Locale.ROOT, "%.4f", v);
  }

  /**
   * Prints a line per trial as its task ends (Spark calls this on the driver), and a line per failed
   * attempt that Spark retries. A task's partition is its trial's index in the stage's list.
   */
  private final class Progress extends SparkListener {
    /** A job's trials (task index = list index) and how a finished trial's line reads. */
    private record Stage(String what, List<Trial> trials, java.util.function.Function<TrialResult, String> line) {}

    private final JavaSparkContext sc;
    // by job group (one per job), and Spark's stage ids to their job group: the listener's events
    // come after the job ends sometimes, when the next job's stage is already set
    private final Map<String, Stage> stages = new ConcurrentHashMap<>();
    private final Map<Integer, String> groups = new ConcurrentHashMap<>();
    private final Map<String, Boolean> printed = new ConcurrentHashMap<>();

    Progress(JavaSparkContext sc) {
      this.sc = sc;
    }

    /** Names the next job: its tasks' lines are printed with {@code what}. */
    void stage(String what, List<Trial> trials, java.util.function.Function<TrialResult, String> line) {
      stages.put(what, new Stage(what, List.copyOf(trials), line));
      sc.setJobGroup(what, "kiln tune: " + what, false);
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
      java.util.Properties p = submitted.properties();
      String group = p == null ? null : p.getProperty("spark.jobGroup.id");
      if (group != null) {
        groups.put(submitted.stageInfo().stageId(), group);
      }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
      String group = groups.get(end.stageId());
      Stage stage = group == null ? null : stages.get(group);
      int index = end.taskInfo().index();
      if (stage == null || index < 0 || index >= stage.trials().size()) {
        return;
      }
      Trial t = stage.trials().get(index);
      String what = stage.what();
      if (!end.taskInfo().successful()) {
        out.println("[" + t.id() + "] " + what + ": attempt " + (end.taskInfo().attemptNumber() + 1)
            + " failed (" + reason(end) + "); Spark retries it");
        return;
      }
      if (printed.putIfAbsent(what + "/" + t.id(), true) != null) {
        return; // a speculative copy also finished
      }
      TrialResult r = read(t, what);
      out.println("[" + t.id() + "] " + t.describe() + ": " + (r == null ? what : what + ": " + stage.line().apply(r)));
    }

    private String reason(SparkListenerTaskEnd end) {
      String text = end.reason() instanceof ExceptionFailure f ? f.description() : end.reason().toString();
      return text == null ? "" : text.strip();
    }

    private TrialResult read(Trial t, String what) {
      Path dir = o.output().resolve("trials").resolve(t.id());
      try {
        if (what.equals("build profile")) {
          Path f = dir.resolve("build-profile.json");
          if (!Files.isRegularFile(f)) {
            return null;
          }
          Budgets b = new Budgets(o.maxRamBytes(), o.maxFlashBytes(), o.maxLatencySeconds());
          return TrialJob.verdict(t, Profile.of(TrialResult.JSON.readTree(f.toFile())), b, o.accelerator());
        }
        Path f = dir.resolve("run").resolve("result.json");
        return Files.isRegularFile(f) ? TrialResult.read(f) : null;
      } catch (IOException e) {
        return null;
      }
    }
  }
}
