package kiln.tensorflow.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kiln.api.KilnException;
import kiln.api.Progress;
import kiln.api.model.Batch;
import kiln.api.model.LayerGraph;
import kiln.api.model.TrainJob;
import kiln.api.model.TrainResult;
import kiln.api.model.Trainer;
import kiln.api.model.Weights;
import kiln.tensorflow.TensorFlowRuntime;

/**
 * Kiln's trainer on TensorFlow Java (graph mode, CPU): lowers the layer graph, runs the epochs
 * with the data generator working concurrently, prints Keras-style progress, and runs the
 * callbacks (checkpoint, early_stopping, reduce_lr_on_plateau, lr_schedule, tensorboard and the
 * spec's own). A seed gives the same weights on the same machine. A checkpoint holds the whole
 * training state ({@link Checkpoints}), so a resumed run continues as the straight run would have.
 */
public class TensorFlowTrainer implements Trainer {
  /** Where checkpoints go under the job's work folder. */
  public static final String CHECKPOINTS = Checkpoints.DIR;
  /** Where TensorBoard event files go under the job's work folder. */
  public static final String TENSORBOARD = "train/tensorboard";

  private volatile TrainStats lastStats;

  @Override
  public String description() {
    return "TensorFlow Java " + TensorFlowRuntime.version() + " (graph mode; CPU, or GPU with the kiln.tensorflow-linux-x86_64-gpu fragment)";
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
    return new Checkpoints(workDir).weights(epoch);
  }

  /** The newest checkpoint's epoch (1-based) in the work folder, or 0 when there is none. */
  public static int newestCheckpoint(Path workDir) {
    return new Checkpoints(workDir).newest();
  }

  /** Reads a checkpoint written by a training run. */
  public static Weights readCheckpoint(Path file) {
    return Checkpoints.readWeights(file);
  }

  /** One training run. */
  private final class Run {
    private final TrainJob job;
    private final Map<String, Object> s;
    private final Progress progress;
    private final Map<String, List<Double>> history = new LinkedHashMap<>();
    private final long started = System.nanoTime();
    private OptimizerConfig optimizer;
    private int epochs;
    private int lastEpoch;
    private int steps;
    private int valSteps;
    private int valFreq;
    private Callbacks callbacks;
    private double lr;
    private long step;
    private int epoch;
    /** The cores shared by the generator and TensorFlow, and their split; null without a budget. */
    private int cores;
    private CoreBudget budget;

    Run(TrainJob job) {
      this.job = job;
      this.s = job.settings() == null ? Map.of() : job.settings();
      this.progress = job.progress() == null ? Progress.NONE : job.progress();
    }

    TrainResult run() {
      optimizer = OptimizerConfig.parse(s.getOrDefault("optimizer", "adam"));
      LossConfig loss = LossConfig.parse(s.getOrDefault("loss", "categorical_crossentropy"));
      Object metrics = s.get("metrics");
      if (metrics instanceof List<?> l) {
        for (Object m : l) {
          if (!List.of("accuracy", "acc", "categorical_accuracy", "binary_accuracy").contains(String.valueOf(m))) {
            throw new KilnException("metrics: '" + m + "' is not supported; expected accuracy");
          }
        }
      }
      epochs = Settings.integer(s, "epochs", 100, "");
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
      steps = Math.min(job.train().batchesPerEpoch(),
          Settings.integer(s, "steps_per_epoch", Integer.MAX_VALUE, ""));
      valSteps = job.validation() == null ? 0 : Math.min(job.validation().batchesPerEpoch(),
          Settings.integer(s, "validation_steps", Integer.MAX_VALUE, ""));
      valFreq = Math.max(1, Settings.integer(s, "validation_freq", 1, ""));
      if (steps <= 0) {
        throw new KilnException("training data: the generator has no batches (no samples in the training subset)");
      }

      callbacks = new Callbacks(s, job.workDir(), progress);
      lr = optimizer.learningRate();
      epoch = job.initialEpoch();
      lastEpoch = epochs == -1 ? Integer.MAX_VALUE : epochs;
      Weights initial = job.initialWeights();
      TrainState state = null;
      Checkpoints files = null;
      if (initial == null && epoch > 0) {
        // resuming: this trainer's own checkpoint of that epoch in the work folder, with its state
        files = new Checkpoints(job.workDir());
        initial = Checkpoints.readWeights(files.weights(epoch));
        state = files.readState(epoch);
      }
      boolean finished = state != null && (state.stopped() || epoch == lastEpoch);
      if (epoch >= lastEpoch && !finished) {
        throw new KilnException("epochs: training already reached epoch " + epoch + " of " + epochs
            + "; nothing to resume (raise --epochs)");
      }
      Object device = s.get("device"); // kiln:train --device cpu|gpu; absent: TensorFlow's own placement
      if (device != null && !(device instanceof String)) {
        throw new KilnException("device: expected cpu, gpu or auto, got " + device);
      }
      cores = Runtime.getRuntime().availableProcessors();
      // core_budget false: TensorFlow takes every core and the generator its own cores setting (as before 2.2)
      if (Settings.flag(s, "core_budget", true, "") && job.train().workerThreads() > 0) {
        budget = CoreBudget.initial(cores, job.train().workerThreads());
        job.train().workerThreads(budget.workers());
      }
      try (ModelSession session = ModelSession.forTraining(job.graph(), initial, job.seed(), optimizer, loss,
          device == null ? "auto" : (String) device, budget == null ? 0 : budget.tensorFlowThreads())) {
        if (state != null) {
          restore(session, state, files);
        } else if (files != null) {
          progress.message("Checkpoint epoch " + epoch + " has no training state (" + files.state(epoch).getFileName()
              + "; written by an older Kiln): resuming with its weights only; the optimizer, learning rate and"
              + " callbacks start afresh");
        }
        if (finished) {
          progress.message("Training had finished at epoch " + epoch
              + (state.stopped() ? " (a callback stopped it)" : "") + "; using its final weights without training");
          Weights result = callbacks.trainEnd(session, history);
          return result(result, new TrainStats(0, 0, 0, seconds()));
        }
        return epochs(session);
      }
    }

    /** Continues where a checkpoint left off: optimizer slots and step, learning rate, callbacks. */
    private void restore(ModelSession session, TrainState state, Checkpoints files) {
      String what = files.state(epoch).toString();
      if (!state.optimizer().equals(optimizer.name())) {
        throw new KilnException(what + ": the run was trained with optimizer " + state.optimizer()
            + ", the settings now say " + optimizer.name()
            + "; resume with the same optimizer or start anew (--clean)");
      }
      session.setOptimizerState(Checkpoints.readWeights(files.optimizer(epoch)), files.optimizer(epoch).toString());
      step = state.iterations();
      lr = state.learningRate();
      callbacks.restore(state.callbacks(), what);
      progress.message(String.format(Locale.ROOT, "Restored the training state of epoch %d: optimizer step %d,"
          + " learning rate %.4g", epoch, step, lr));
    }

    /** Trains from {@link #epoch} until the last epoch or a callback stops it. */
    private TrainResult epochs(ModelSession session) {
      // a resumed run gets the batches a straight run would get next
      job.train().skip((long) epoch * steps);
      if (job.validation() != null && valSteps > 0) {
        job.validation().skip((long) (epoch / valFreq) * valSteps);
      }
      long samples = 0;
      long stepNanos = 0;
      try (Prefetcher<BatchTensors.Staged> train = new Prefetcher<>(job.train(), 4, "train", session::stage);
          Prefetcher<Batch> validation = job.validation() == null ? null
              : Prefetcher.plain(job.validation(), 4, "validation")) {
        for (; epoch < lastEpoch; epoch++) {
          lr = callbacks.epochBegin(epoch, lr);
          progress.message("Epoch " + (epoch + 1) + (epochs == -1 ? "" : "/" + epochs));
          long epochStart = System.nanoTime();
          long waitBefore = train.waitNanos();
          double lossSum = 0;
          double correct = 0;
          int n = 0;
          for (int k = 0; k < steps; k++) {
            ModelSession.StepResult r;
            long t0;
            try (BatchTensors.Staged b = train.next()) {
              t0 = System.nanoTime();
              r = session.trainStep(b, lr, ++step, job.seed(), (long) epoch * 1_000_000L + k);
            }
            long dt = System.nanoTime() - t0;
            stepNanos += dt;
            calibrate(session, r.samples(), dt, k + 1 == steps);
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
          Callbacks.Decision d = callbacks.epochEnd(epoch, logs, session, lr,
              new Callbacks.Position(optimizer.name(), step, lastEpoch));
          lr = d.learningRate();
          progress.report("training", epoch + 1, epochs == -1 ? -1 : epochs);
          if (d.stop()) {
            epoch++;
            break;
          }
        }
        Weights finalWeights = callbacks.trainEnd(session, history);
        return result(finalWeights, new TrainStats(samples, stepNanos / 1e9, train.waitNanos() / 1e9, seconds()));
      }
    }

    private double seconds() {
      return (System.nanoTime() - started) / 1e9;
    }

    /** Steps timed before the core budget is chosen from the measured rates. */
    private static final int CALIBRATION_STEPS = 20;
    private int calibrationSteps;
    private long calibrationSamples;
    private long calibrationNanos;

    /**
     * Times the first steps of this run; after {@link #CALIBRATION_STEPS} of them (or a shorter
     * first epoch) chooses the core budget once from the generator's and TensorFlow's measured
     * rates, logs it, and applies it (the session moves to its new thread count when that changed).
     */
    private void calibrate(ModelSession session, int samples, long nanos, boolean epochEnd) {
      if (budget == null || calibrationSteps < 0) {
        return;
      }
      if (calibrationSteps++ > 0) { // the first step also builds TensorFlow's kernels: not timed
        calibrationSamples += samples;
        calibrationNanos += nanos;
      }
      if (calibrationSteps < CALIBRATION_STEPS && !epochEnd) {
        return;
      }
      calibrationSteps = -1;
      double cost = job.train().cpuSecondsPerSample();
      if (calibrationNanos == 0 || !(cost > 0)) {
        return; // nothing measured (a one-step epoch, a source that does not report its cost)
      }
      double perWorker = 1 / cost;
      double perThread = calibrationSamples / (calibrationNanos / 1e9) / budget.tensorFlowThreads();
      CoreBudget chosen = CoreBudget.choose(cores, perWorker, perThread);
      progress.message(chosen.describe(cores, perWorker, perThread));
      job.train().workerThreads(chosen.workers());
      session.intraOpThreads(chosen.tensorFlowThreads());
      budget = chosen;
    }

    private TrainResult result(Weights weights, TrainStats stats) {
      lastStats = stats;
      return new TrainResult(weights, history, epoch, new kiln.api.model.TrainStats(stats.totalSeconds(),
          stats.samplesPerSecond(), stats.waitFraction()));
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
}
