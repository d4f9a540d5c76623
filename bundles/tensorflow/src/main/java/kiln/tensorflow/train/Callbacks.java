package kiln.tensorflow.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import kiln.api.KilnException;
import kiln.api.Progress;
import kiln.api.model.LrSchedule;
import kiln.api.model.TrainCallback;
import kiln.api.model.Weights;

/**
 * The callbacks of one run (checkpoint, early_stopping, reduce_lr_on_plateau, lr_schedule,
 * tensorboard and the spec's own) and the part of their state a resumed run needs: bests, wait
 * counters, the plateau cooldown and which file holds the best weights.
 */
final class Callbacks {
  record Decision(boolean stop, double learningRate) {}

  /** Where the run stands after an epoch, for the checkpoint's {@link TrainState}. */
  record Position(String optimizer, long iterations, int lastEpoch) {}

  private final Progress progress;
  private final Checkpoints files;
  // checkpoint
  private final boolean checkpoints;
  private final Monitor checkpointMonitor;
  private final boolean saveBestOnly;
  private double checkpointBest;
  private Weights checkpointBestWeights;
  private int checkpointBestEpoch;
  // early stopping
  private final Map<?, ?> early;
  private Monitor earlyMonitor;
  private double earlyBest;
  private int earlyWait;
  private Weights earlyBestWeights;
  /** The checkpoint file holding {@link #earlyBestWeights}, or null while they are in memory only. */
  private String earlyBestFile;
  private boolean restoreBest;
  // reduce lr on plateau
  private final Map<?, ?> reduce;
  private Monitor reduceMonitor;
  private double reduceBest;
  private int reduceWait;
  private int cooldown;
  // lr schedule, tensorboard, user callbacks
  private final LrSchedule schedule;
  private final Path tensorboardDir;
  private EventFileWriter[] tensorboard;
  private final List<TrainCallback> user = new ArrayList<>();
  private final Set<String> warned = new HashSet<>();
  /** This epoch's weights, fetched from the session at most once. */
  private Weights epochWeights;

  Callbacks(Map<String, Object> s, Path workDir, Progress progress) {
    this.progress = progress;
    this.files = workDir == null ? null : new Checkpoints(workDir);
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
    tensorboardDir = tb != null && workDir != null ? workDir.resolve(TensorFlowTrainer.TENSORBOARD) : null;
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

  /**
   * Runs the callbacks after epoch {@code epoch} (0-based) and writes its checkpoint: when the
   * checkpoint setting saves this epoch, and always for the run's last epoch, so that a resumed run
   * knows training had finished.
   */
  Decision epochEnd(int epoch, Map<String, Double> logs, ModelSession session, double lr, Position position) {
    boolean stop = false;
    epochWeights = null;
    writeTensorBoard(epoch, logs);
    Double checkpointValue = checkpoints ? value(logs, checkpointMonitor.metric(), "checkpoint") : null;
    boolean checkpointImproves = checkpointValue != null
        && checkpointMonitor.improves(checkpointValue, checkpointBest, 0);
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
            earlyBestWeights = weights(session);
            earlyBestFile = null;
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
      lr = reduceLrOnPlateau(epoch, logs, lr);
    }
    for (TrainCallback c : user) {
      stop |= c.onEpochEnd(epoch, Collections.unmodifiableMap(logs));
    }
    boolean last = stop || epoch + 1 >= position.lastEpoch();
    if (checkpoints && (!saveBestOnly || checkpointImproves || last)) {
      Weights current = weights(session);
      if (checkpointImproves) {
        checkpointBest = checkpointValue;
        checkpointBestWeights = current;
        checkpointBestEpoch = epoch + 1;
      }
      writeCheckpoint(epoch + 1, current, session, position, lr, stop);
    }
    return new Decision(stop, lr);
  }

  private double reduceLrOnPlateau(int epoch, Map<String, Double> logs, double lr) {
    Double v = value(logs, reduceMonitor.metric(), "reduce_lr_on_plateau");
    if (v == null) {
      return lr;
    }
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
    return lr;
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

  /** The state of the checkpoint, early_stopping and reduce_lr_on_plateau callbacks, for train-state-NNN.json. */
  Map<String, Object> state() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (checkpoints) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("best", checkpointBest);
      c.put("best_epoch", checkpointBestEpoch);
      m.put("checkpoint", c);
    }
    if (earlyMonitor != null) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("best", earlyBest);
      e.put("wait", earlyWait);
      e.put("best_weights", earlyBestFile);
      m.put("early_stopping", e);
    }
    if (reduceMonitor != null) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("best", reduceBest);
      r.put("wait", reduceWait);
      r.put("cooldown", cooldown);
      m.put("reduce_lr_on_plateau", r);
    }
    return m;
  }

  /**
   * Restores what {@link #state} saved, reading the best weights from the checkpoint folder. A
   * callback the saved run did not have starts afresh, and says so.
   *
   * @param what names the state file in error messages
   */
  void restore(Map<String, Object> state, String what) {
    if (checkpoints) {
      Map<?, ?> c = section(state, "checkpoint", what);
      if (c != null) {
        checkpointBest = best(c, checkpointMonitor, what + ": checkpoint");
        checkpointBestEpoch = (int) TrainState.whole(c, "best_epoch", what + ": checkpoint");
        // only save_best_only returns them (trainEnd)
        checkpointBestWeights = saveBestOnly && checkpointBestEpoch > 0
            ? Checkpoints.readWeights(files.weights(checkpointBestEpoch)) : null;
      }
    }
    if (earlyMonitor != null) {
      Map<?, ?> e = section(state, "early_stopping", what);
      if (e != null) {
        earlyBest = best(e, earlyMonitor, what + ": early_stopping");
        earlyWait = (int) TrainState.whole(e, "wait", what + ": early_stopping");
        earlyBestFile = e.get("best_weights") instanceof String f ? f : null;
        earlyBestWeights = restoreBest && earlyBestFile != null ? Checkpoints.readWeights(files.file(earlyBestFile))
            : null;
      }
    }
    if (reduceMonitor != null) {
      Map<?, ?> r = section(state, "reduce_lr_on_plateau", what);
      if (r != null) {
        reduceBest = best(r, reduceMonitor, what + ": reduce_lr_on_plateau");
        reduceWait = (int) TrainState.whole(r, "wait", what + ": reduce_lr_on_plateau");
        cooldown = (int) TrainState.whole(r, "cooldown", what + ": reduce_lr_on_plateau");
      }
    }
  }

  private Map<?, ?> section(Map<String, Object> state, String name, String what) {
    Object v = state.get(name);
    if (v == null) {
      progress.message(what + " holds no " + name + " state (the setting is new): it starts afresh");
      return null;
    }
    if (!(v instanceof Map<?, ?> m)) {
      throw new KilnException(what + ": " + name + " expected an object");
    }
    return m;
  }

  private static double best(Map<?, ?> m, Monitor monitor, String what) {
    Double v = TrainState.number(m, "best", what);
    return v == null ? monitor.initial() : v;
  }

  /**
   * Writes one epoch's checkpoint; the early-stopping best weights go to a file of their own only
   * when no checkpoint holds them yet.
   */
  private void writeCheckpoint(int epoch, Weights current, ModelSession session, Position position, double lr,
      boolean stop) {
    if (restoreBest && earlyBestWeights != null && earlyBestFile == null) {
      if (earlyBestWeights == current) {
        earlyBestFile = Checkpoints.weightsName(epoch);
      } else {
        earlyBestFile = Checkpoints.bestWeightsName(epoch);
        Checkpoints.writeWeights(files.file(earlyBestFile), earlyBestWeights);
      }
    }
    files.write(current, session.optimizerState(),
        new TrainState(epoch, position.optimizer(), position.iterations(), lr, stop, state()));
  }

  private Weights weights(ModelSession session) {
    if (epochWeights == null) {
      epochWeights = session.weights();
    }
    return epochWeights;
  }

  private void writeTensorBoard(int epoch, Map<String, Double> logs) {
    if (tensorboardDir == null) {
      return;
    }
    double now = System.currentTimeMillis() / 1000.0;
    if (tensorboard == null) {
      tensorboard = new EventFileWriter[] {new EventFileWriter(tensorboardDir.resolve("train"), now),
          new EventFileWriter(tensorboardDir.resolve("validation"), now)};
    }
    for (Map.Entry<String, Double> e : logs.entrySet()) {
      boolean val = e.getKey().startsWith("val_");
      String tag = e.getKey().equals("lr") ? "epoch_learning_rate" : "epoch_" + e.getKey().replace("val_", "");
      tensorboard[val ? 1 : 0].scalar(tag, e.getValue(), epoch, now);
    }
  }

  private Double value(Map<String, Double> logs, String metric, String callback) {
    Double v = logs.get(metric);
    if (v == null && warned.add(callback)) {
      progress.message(callback + ": the monitored metric '" + metric + "' is not available (have "
          + logs.keySet() + "); skipping");
    }
    return v;
  }
}
