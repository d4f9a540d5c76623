package kiln.tensorflow.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kiln.util.AtomicFiles;
import kiln.api.KilnException;
import kiln.api.Progress;
import kiln.api.model.Batch;
import kiln.api.model.LayerGraph;
import kiln.api.model.TrainJob;
import kiln.api.model.TrainResult;
import kiln.api.model.Trainer;
import kiln.api.model.Weights;
import kiln.util.WeightsFormat;
import kiln.api.model.LrSchedule;
import kiln.api.model.TrainCallback;
import kiln.tensorflow.TensorFlowRuntime;

/**
 * Kiln's trainer on TensorFlow Java (graph mode, CPU): lowers the layer graph, runs the epochs
 * with the data generator working concurrently, prints Keras-style progress, and runs the
 * callbacks (checkpoint, early_stopping, reduce_lr_on_plateau, lr_schedule, tensorboard and the
 * spec's own). A seed gives the same weights on the same machine.
 */
public class TensorFlowTrainer implements Trainer {
  /** Where checkpoints go under the job's work folder. */
  public static final String CHECKPOINTS = "train/checkpoints";
  /** Where TensorBoard event files go under the job's work folder. */
  public static final String TENSORBOARD = "train/tensorboard";

  private volatile TrainStats lastStats;

  @Override
  public String description() {
    return "TensorFlow Java " + TensorFlowRuntime.version() + " (graph mode, CPU)";
  }

  @Override
  public TrainResult train(TrainJob job) {
    return new Run(job).run();
  }

  @Override
  public Map<String, List<float[]>> predict(LayerGraph graph, Weights weights, List<float[]> samples,
      List<String> layers) {
    try (ModelSession s = ModelSession.forInference(graph, weights)) {
      return s.predict(samples, layers);
    }
  }

  /** Timing of the last finished {@link #train} call, or null. */
  public TrainStats lastStats() {
    return lastStats;
  }

  @Override
  public int resumeEpoch(Path workDir) {
    return newestCheckpoint(workDir);
  }

  /** The checkpoint file of an epoch (1-based, as Keras numbers its files). */
  public static Path checkpoint(Path workDir, int epoch) {
    return workDir.resolve(CHECKPOINTS).resolve(String.format(Locale.ROOT, "weights-%03d.weights", epoch));
  }

  /** The newest checkpoint's epoch (1-based) in the work folder, or 0 when there is none. */
  public static int newestCheckpoint(Path workDir) {
    Path dir = workDir.resolve(CHECKPOINTS);
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    int best = 0;
    try (var s = Files.list(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        var m = java.util.regex.Pattern.compile("weights-(\\d+)\\.weights").matcher(p.getFileName().toString());
        if (m.matches()) {
          best = Math.max(best, Integer.parseInt(m.group(1)));
        }
      }
    } catch (IOException e) {
      throw new KilnException("cannot list checkpoints in " + dir + ": " + e.getMessage(), e);
    }
    return best;
  }

  /** Reads a checkpoint written by a training run. */
  public static Weights readCheckpoint(Path file) {
    try {
      return WeightsFormat.read(Files.readAllBytes(file), file.toString());
    } catch (IOException e) {
      throw new KilnException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
    }
  }

  /** One training run. */
  private final class Run {
    private final TrainJob job;
    private final Map<String, Object> s;
    private final Progress progress;
    private final Map<String, List<Double>> history = new LinkedHashMap<>();

    Run(TrainJob job) {
      this.job = job;
      this.s = job.settings() == null ? Map.of() : job.settings();
      this.progress = job.progress() == null ? Progress.NONE : job.progress();
    }

    TrainResult run() {
      OptimizerConfig optimizer = OptimizerConfig.parse(s.getOrDefault("optimizer", "adam"));
      LossConfig loss = LossConfig.parse(s.getOrDefault("loss", "categorical_crossentropy"));
      Object metrics = s.get("metrics");
      if (metrics instanceof List<?> l) {
        for (Object m : l) {
          if (!List.of("accuracy", "acc", "categorical_accuracy", "binary_accuracy").contains(String.valueOf(m))) {
            throw new KilnException("metrics: '" + m + "' is not supported; expected accuracy");
          }
        }
      }
      int epochs = Settings.integer(s, "epochs", 100, "");
      Map<?, ?> early = Settings.map(s, "early_stopping");
      if (epochs == -1 && early == null) {
        throw new KilnException("epochs: -1 (train until early stopping) needs the early_stopping setting");
      }
      if (epochs < -1 || epochs == 0) {
        throw new KilnException("epochs: expected a positive number or -1, got " + epochs);
      }
      if (job.train() == null) {
        throw new KilnException("training data: no batch source given");
      }
      int steps = Math.min(job.train().batchesPerEpoch(),
          Settings.integer(s, "steps_per_epoch", Integer.MAX_VALUE, ""));
      int valSteps = job.validation() == null ? 0 : Math.min(job.validation().batchesPerEpoch(),
          Settings.integer(s, "validation_steps", Integer.MAX_VALUE, ""));
      int valFreq = Math.max(1, Settings.integer(s, "validation_freq", 1, ""));
      if (steps <= 0) {
        throw new KilnException("training data: the generator has no batches (no samples in the training subset)");
      }

      Callbacks callbacks = new Callbacks(s, job.workDir(), progress);
      double lr = optimizer.learningRate();
      long started = System.nanoTime();
      long samples = 0;
      long stepNanos = 0;
      int epoch = job.initialEpoch();
      int lastEpoch = epochs == -1 ? Integer.MAX_VALUE : epochs;
      if (epoch >= lastEpoch) {
        throw new KilnException("epochs: training already reached epoch " + epoch + " of " + epochs
            + "; nothing to resume (raise --epochs)");
      }
      Weights initial = job.initialWeights();
      if (initial == null && job.initialEpoch() > 0) {
        // resuming: this trainer's own checkpoint of that epoch in the work folder
        initial = readCheckpoint(checkpoint(job.workDir(), job.initialEpoch()));
      }
      try (ModelSession session = ModelSession.forTraining(job.graph(), initial, job.seed(),
              optimizer, loss);
          Prefetcher train = new Prefetcher(job.train(), 4, "train");
          Prefetcher validation = job.validation() == null ? null : new Prefetcher(job.validation(), 4, "validation")) {
        long step = 0;
        for (; epoch < lastEpoch; epoch++) {
          lr = callbacks.epochBegin(epoch, lr);
          progress.message("Epoch " + (epoch + 1) + (epochs == -1 ? "" : "/" + epochs));
          long epochStart = System.nanoTime();
          long waitBefore = train.waitNanos();
          double lossSum = 0;
          double correct = 0;
          int n = 0;
          for (int k = 0; k < steps; k++) {
            Batch b = train.next();
            long t0 = System.nanoTime();
            ModelSession.StepResult r = session.trainStep(b, lr, ++step, job.seed(),
                (long) epoch * 1_000_000L + k);
            stepNanos += System.nanoTime() - t0;
            if (!Double.isFinite(r.loss())) {
              throw new KilnException("training diverged at epoch " + (epoch + 1) + ", batch " + (k + 1)
                  + ": the loss is " + r.loss() + " (lower the optimizer's learning_rate)");
            }
            lossSum += r.loss() * r.samples();
            correct += r.correct();
            n += r.samples();
          }
          samples += n;
          double trainSeconds = (System.nanoTime() - epochStart) / 1e9;
          double waitFraction = (train.waitNanos() - waitBefore) / 1e9 / Math.max(1e-9, trainSeconds);
          Map<String, Double> logs = new LinkedHashMap<>();
          logs.put("loss", lossSum / n);
          logs.put("accuracy", correct / n);
          if (validation != null && valSteps > 0 && (epoch + 1) % valFreq == 0) {
            double vl = 0;
            double vc = 0;
            int vn = 0;
            for (int k = 0; k < valSteps; k++) {
              ModelSession.StepResult r = session.evaluate(validation.next());
              vl += r.loss() * r.samples();
              vc += r.correct();
              vn += r.samples();
            }
            logs.put("val_loss", vl / vn);
            logs.put("val_accuracy", vc / vn);
          }
          logs.put("lr", lr);
          logs.forEach((key, v) -> history.computeIfAbsent(key, x -> new ArrayList<>()).add(v));
          double seconds = (System.nanoTime() - epochStart) / 1e9;
          progress.message(progressLine(steps, seconds, logs, waitFraction));
          Callbacks.Decision d = callbacks.epochEnd(epoch, logs, session, lr);
          lr = d.learningRate();
          progress.report("training", epoch + 1, epochs == -1 ? -1 : epochs);
          if (d.stop()) {
            epoch++;
            break;
          }
        }
        Weights finalWeights = callbacks.trainEnd(session, history);
        double total = (System.nanoTime() - started) / 1e9;
        TrainStats stats = new TrainStats(samples, stepNanos / 1e9, train.waitNanos() / 1e9, total);
        lastStats = stats;
        return new TrainResult(finalWeights, history, epoch, new kiln.api.model.TrainStats(stats.totalSeconds(),
            stats.samplesPerSecond(), stats.waitFraction()));
      }
    }

    private String progressLine(int steps, double seconds, Map<String, Double> logs, double waitFraction) {
      StringBuilder b = new StringBuilder();
      b.append(steps).append('/').append(steps).append(" - ").append(String.format(Locale.ROOT, "%.1fs", seconds));
      logs.forEach((k, v) -> b.append(" - ").append(k).append(": ")
          .append(k.equals("lr") ? String.format(Locale.ROOT, "%.4g", v) : String.format(Locale.ROOT, "%.4f", v)));
      b.append(String.format(Locale.ROOT, " - data wait: %.0f%%", waitFraction * 100));
      return b.toString();
    }
  }

  /** The callbacks of one run. */
  static final class Callbacks {
    record Decision(boolean stop, double learningRate) {}

    private final Path workDir;
    private final Progress progress;
    // checkpoint
    private final boolean checkpoints;
    private final Monitor checkpointMonitor;
    private final boolean saveBestOnly;
    private double checkpointBest;
    private Weights checkpointBestWeights;
    // early stopping
    private final Map<?, ?> early;
    private Monitor earlyMonitor;
    private double earlyBest;
    private int earlyWait;
    private Weights earlyBestWeights;
    // reduce lr on plateau
    private final Map<?, ?> reduce;
    private Monitor reduceMonitor;
    private double reduceBest;
    private int reduceWait;
    private int cooldown;
    // lr schedule, tensorboard, user callbacks
    private final LrSchedule schedule;
    private final EventFileWriter[] tensorboard;
    private final List<TrainCallback> user = new ArrayList<>();
    private final java.util.Set<String> warned = new java.util.HashSet<>();
    private boolean restoreBest;

    Callbacks(Map<String, Object> s, Path workDir, Progress progress) {
      this.workDir = workDir;
      this.progress = progress;
      Map<?, ?> cp = Settings.map(s, "checkpoint");
      checkpoints = workDir != null && Settings.flag(s, "checkpoints_enabled", true, "") && cp != null;
      checkpointMonitor = cp == null ? null : Monitor.of("checkpoint", cp, "val_loss");
      saveBestOnly = cp != null && Settings.flag(cp, "save_best_only", false, "checkpoint.");
      checkpointBest = checkpointMonitor == null ? 0 : checkpointMonitor.initial();
      early = Settings.map(s, "early_stopping");
      if (early != null) {
        earlyMonitor = Monitor.of("early_stopping", early, "val_loss");
        earlyBest = earlyMonitor.initial();
        Object baseline = early.get("baseline");
        if (baseline instanceof Number b) {
          earlyBest = b.doubleValue();
        }
        restoreBest = Settings.flag(early, "restore_best_weights", false, "early_stopping.");
      }
      reduce = Settings.map(s, "reduce_lr_on_plateau");
      if (reduce != null) {
        reduceMonitor = Monitor.of("reduce_lr_on_plateau", reduce, "val_loss");
        reduceBest = reduceMonitor.initial();
      }
      Map<?, ?> lrs = Settings.map(s, "lr_schedule");
      Object fn = lrs == null ? null : lrs.get("schedule");
      if (lrs != null && !(fn instanceof LrSchedule)) {
        throw new KilnException("lr_schedule: schedule expected a kiln.spec.LrSchedule (epoch, lr) -> lr, got " + fn);
      }
      schedule = (LrSchedule) fn;
      Map<?, ?> tb = Settings.map(s, "tensorboard");
      if (tb != null && workDir != null) {
        double now = System.currentTimeMillis() / 1000.0;
        Path dir = workDir.resolve(TENSORBOARD);
        tensorboard = new EventFileWriter[] {new EventFileWriter(dir.resolve("train"), now),
            new EventFileWriter(dir.resolve("validation"), now)};
      } else {
        tensorboard = null;
      }
      if (s.get("train_callbacks") instanceof List<?> l) {
        for (Object o : l) {
          if (!(o instanceof TrainCallback c)) {
            throw new KilnException("train_callbacks: expected kiln.spec.TrainCallback objects, got " + o);
          }
          user.add(c);
        }
      }
    }

    double epochBegin(int epoch, double lr) {
      if (schedule != null) {
        double next = schedule.apply(epoch, lr);
        if (!(next > 0) || !Double.isFinite(next)) {
          throw new KilnException("lr_schedule: returned " + next + " for epoch " + epoch
              + "; expected a positive learning rate");
        }
        lr = next;
      }
      for (TrainCallback c : user) {
        c.onEpochBegin(epoch);
      }
      return lr;
    }

    Decision epochEnd(int epoch, Map<String, Double> logs, ModelSession session, double lr) {
      boolean stop = false;
      Weights current = null;
      if (tensorboard != null) {
        double now = System.currentTimeMillis() / 1000.0;
        for (Map.Entry<String, Double> e : logs.entrySet()) {
          boolean val = e.getKey().startsWith("val_");
          String tag = e.getKey().equals("lr") ? "epoch_learning_rate" : "epoch_" + e.getKey().replace("val_", "");
          tensorboard[val ? 1 : 0].scalar(tag, e.getValue(), epoch, now);
        }
      }
      if (checkpoints) {
        Double v = value(logs, checkpointMonitor.metric(), "checkpoint");
        boolean save = !saveBestOnly || (v != null && checkpointMonitor.improves(v, checkpointBest, 0));
        if (save) {
          current = session.weights();
          if (v != null && checkpointMonitor.improves(v, checkpointBest, 0)) {
            checkpointBest = v;
            checkpointBestWeights = current;
          }
          writeCheckpoint(epoch + 1, current);
        }
      }
      if (earlyMonitor != null) {
        Double v = value(logs, earlyMonitor.metric(), "early_stopping");
        int startFrom = Settings.integer(early, "start_from_epoch", 0, "early_stopping.");
        if (v != null && epoch >= startFrom) {
          double minDelta = Settings.number(early, "min_delta", 0, "early_stopping.");
          int patience = Settings.integer(early, "patience", 0, "early_stopping.");
          earlyWait++;
          if (earlyMonitor.improves(v, earlyBest, minDelta)) {
            earlyBest = v;
            earlyWait = 0;
            if (restoreBest) {
              earlyBestWeights = current != null ? current : session.weights();
            }
          }
          if (earlyWait >= patience && epoch > 0) {
            progress.message(String.format(Locale.ROOT, "Epoch %d: early stopping (%s did not improve for %d epochs)",
                epoch + 1, earlyMonitor.metric(), earlyWait));
            stop = true;
          }
        }
      }
      if (reduceMonitor != null) {
        Double v = value(logs, reduceMonitor.metric(), "reduce_lr_on_plateau");
        if (v != null) {
          double factor = Settings.number(reduce, "factor", 0.1, "reduce_lr_on_plateau.");
          int patience = Settings.integer(reduce, "patience", 10, "reduce_lr_on_plateau.");
          double minDelta = Settings.number(reduce, "min_delta", 1e-4, "reduce_lr_on_plateau.");
          int cooldownEpochs = Settings.integer(reduce, "cooldown", 0, "reduce_lr_on_plateau.");
          double minLr = Settings.number(reduce, "min_lr", 0, "reduce_lr_on_plateau.");
          if (factor >= 1) {
            throw new KilnException("reduce_lr_on_plateau: factor expected < 1, got " + factor);
          }
          if (cooldown > 0) {
            cooldown--;
            reduceWait = 0;
          }
          if (reduceMonitor.improves(v, reduceBest, minDelta)) {
            reduceBest = v;
            reduceWait = 0;
          } else if (cooldown <= 0) {
            reduceWait++;
            if (reduceWait >= patience && lr > minLr) {
              double next = Math.max(lr * factor, minLr);
              progress.message(String.format(Locale.ROOT, "Epoch %d: reducing the learning rate to %.4g", epoch + 1, next));
              lr = next;
              cooldown = cooldownEpochs;
              reduceWait = 0;
            }
          }
        }
      }
      for (TrainCallback c : user) {
        stop |= c.onEpochEnd(epoch, java.util.Collections.unmodifiableMap(logs));
      }
      return new Decision(stop, lr);
    }

    /** The weights the run returns: the best ones when a callback kept them, else the last. */
    Weights trainEnd(ModelSession session, Map<String, List<Double>> history) {
      Weights result;
      if (restoreBest && earlyBestWeights != null) {
        progress.message("Restoring the weights of the best epoch (" + earlyMonitor.metric() + " "
            + String.format(Locale.ROOT, "%.4f", earlyBest) + ")");
        session.setWeights(earlyBestWeights);
        result = earlyBestWeights;
      } else if (saveBestOnly && checkpointBestWeights != null) {
        progress.message("Using the best checkpoint's weights (" + checkpointMonitor.metric() + " "
            + String.format(Locale.ROOT, "%.4f", checkpointBest) + ")");
        session.setWeights(checkpointBestWeights);
        result = checkpointBestWeights;
      } else {
        result = session.weights();
      }
      if (tensorboard != null) {
        for (EventFileWriter w : tensorboard) {
          w.close();
        }
      }
      Map<String, Double> last = new LinkedHashMap<>();
      history.forEach((k, v) -> last.put(k, v.get(v.size() - 1)));
      for (TrainCallback c : user) {
        c.onTrainEnd(last);
      }
      return result;
    }

    private Double value(Map<String, Double> logs, String metric, String callback) {
      Double v = logs.get(metric);
      if (v == null && warned.add(callback)) {
        progress.message(callback + ": the monitored metric '" + metric + "' is not available (have "
            + logs.keySet() + "); skipping");
      }
      return v;
    }

    private void writeCheckpoint(int epoch, Weights w) {
      Path file = checkpoint(workDir, epoch);
      try {
        byte[] bytes = WeightsFormat.write(w);
        AtomicFiles.writeOrThrow(file, out -> out.write(bytes));
      } catch (IOException e) {
        throw new KilnException("checkpoint: cannot write " + file + ": " + e.getMessage(), e);
      }
    }
  }
}
