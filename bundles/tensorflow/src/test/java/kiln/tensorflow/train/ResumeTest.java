package kiln.tensorflow.train;

import static kiln.nn.Args.kw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import kiln.api.KilnException;
import kiln.api.Progress;
import kiln.api.model.Batch;
import kiln.api.model.BatchSource;
import kiln.api.model.TrainJob;
import kiln.api.model.TrainResult;
import kiln.api.model.Weights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --resume continues exactly: a run killed after k epochs and resumed from its checkpoint ends
 * with the weights and callback decisions of the straight run (Adam's moments and step, the
 * learning rate, early stopping's and reduce_lr_on_plateau's counters, the data position).
 */
class ResumeTest {
  @TempDir
  Path straightDir;
  @TempDir
  Path resumedDir;

  /** The sign of the sum of 8x8 inputs; every batch of every epoch is new (seeded by its number). */
  static final class Fresh implements BatchSource {
    private final int batches;
    private final long seed;
    private long k;

    Fresh(int batches, long seed) {
      this.batches = batches;
      this.seed = seed;
    }

    @Override
    public int batchesPerEpoch() {
      return batches;
    }

    @Override
    public Batch next() {
      SplittableRandom r = new SplittableRandom(seed * 1_000_003L + k++);
      int n = 16;
      float[] x = new float[n * 64];
      float[] y = new float[n * 2];
      for (int i = 0; i < n; i++) {
        double sum = 0;
        for (int j = 0; j < 64; j++) {
          x[i * 64 + j] = (float) (r.nextDouble() * 2 - 1);
          sum += x[i * 64 + j];
        }
        y[i * 2 + (sum > 0 ? 1 : 0)] = 1;
      }
      return new Batch(x, new int[] {n, 8, 8, 1}, y, new int[] {n, 2}, null);
    }
  }

  /** A source a finished run must not read. */
  static final class Untouched implements BatchSource {
    @Override
    public int batchesPerEpoch() {
      return 8;
    }

    @Override
    public Batch next() {
      throw new AssertionError("a finished run read training data");
    }
  }

  private static Map<String, Object> settings(Object... kv) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("optimizer", kw("name", "adam", "learning_rate", 0.01));
    s.put("loss", "categorical_crossentropy");
    for (int i = 0; i < kv.length; i += 2) {
      s.put((String) kv[i], kv[i + 1]);
    }
    return s;
  }

  private static TrainResult train(Map<String, Object> settings, BatchSource train, int initialEpoch, Path dir) {
    return new TensorFlowTrainer().train(new TrainJob(TrainerTest.model(), settings, train, new Fresh(2, 9),
        null, initialEpoch, dir, 7, Progress.NONE));
  }

  private static double maxAbsDifference(Weights a, Weights b) {
    double max = 0;
    for (var e : a.asMap().entrySet()) {
      float[] x = e.getValue().toFloats();
      float[] y = b.get(e.getKey()).toFloats();
      for (int i = 0; i < x.length; i++) {
        max = Math.max(max, Math.abs(x[i] - y[i]));
      }
    }
    return max;
  }

  /** Throws at the start of an epoch, as a killed run stops after its previous checkpoint. */
  private static kiln.spec.TrainCallback killAt(int epoch) {
    return new kiln.spec.TrainCallback() {
      @Override
      public void onEpochBegin(int e) {
        if (e == epoch) {
          throw new IllegalStateException("killed at epoch " + e);
        }
      }
    };
  }

  @Test
  void aRunKilledAndResumedEndsAsTheStraightRun() {
    // min_delta 10: only the first epoch counts as an improvement, so early stopping waits 4 epochs
    // and the plateau callback halves the rate, cools down 2 epochs and halves it again
    Map<String, Object> s = settings("epochs", 8,
        "checkpoint", kw("monitor", "loss", "save_best_only", false),
        "early_stopping", kw("monitor", "loss", "patience", 4, "min_delta", 10.0),
        "reduce_lr_on_plateau", kw("monitor", "loss", "factor", 0.5, "patience", 1, "min_delta", 10.0,
            "cooldown", 2));
    TrainResult straight = train(s, new Fresh(8, 1), 0, straightDir);
    assertThat(straight.epochs()).isEqualTo(5);
    assertThat(straight.history().get("lr")).containsExactly(0.01, 0.01, 0.005, 0.005, 0.0025);

    Map<String, Object> killed = new LinkedHashMap<>(s);
    killed.put("train_callbacks", List.of(killAt(3)));
    assertThatThrownBy(() -> train(killed, new Fresh(8, 1), 0, resumedDir)).hasMessageContaining("killed at epoch 3");
    int from = new TensorFlowTrainer().resumeEpoch(resumedDir);
    assertThat(from).isEqualTo(3);
    TrainResult resumed = train(s, new Fresh(8, 1), from, resumedDir);

    // the same early-stopping epoch and learning rates, and the same weights to within
    // TensorFlow's run-to-run float noise (TrainerTest's reproducibility bound)
    assertThat(resumed.epochs()).isEqualTo(5);
    assertThat(resumed.history().get("lr")).containsExactly(0.005, 0.0025);
    assertThat(maxAbsDifference(resumed.weights(), straight.weights())).isLessThan(2e-3);
    assertThat(resumed.history().get("loss").get(1))
        .isCloseTo(straight.history().get("loss").get(4), org.assertj.core.api.Assertions.within(1e-3));
  }

  @Test
  void resumingAFinishedRunReturnsItsFinalWeightsWithoutTraining() {
    // checkpoints only at epoch 1 (lr never rises again) and at the last epoch; early stopping keeps
    // epoch 2's weights, which no checkpoint holds, so they get a file of their own
    Map<String, Object> s = settings("epochs", 10,
        "checkpoint", kw("monitor", "lr", "mode", "max", "save_best_only", true),
        "early_stopping", kw("monitor", "loss", "patience", 2, "min_delta", 10.0, "start_from_epoch", 1,
            "restore_best_weights", true));
    TrainResult straight = train(s, new Fresh(8, 1), 0, straightDir);
    assertThat(straight.epochs()).isEqualTo(4);
    Checkpoints files = new Checkpoints(straightDir);
    assertThat(files.weights(1)).exists();
    assertThat(files.weights(2)).doesNotExist();
    assertThat(files.weights(4)).exists();
    assertThat(files.file(Checkpoints.bestWeightsName(4))).exists();
    assertThat(files.optimizer(4)).exists();
    assertThat(files.readState(4).stopped()).isTrue();

    int from = new TensorFlowTrainer().resumeEpoch(straightDir);
    assertThat(from).isEqualTo(4);
    TrainResult again = train(s, new Untouched(), from, straightDir);
    assertThat(again.epochs()).isEqualTo(4);
    assertThat(again.history()).isEmpty();
    assertThat(maxAbsDifference(again.weights(), straight.weights())).isZero();

    Map<String, Object> sgd = new LinkedHashMap<>(s);
    sgd.put("optimizer", "sgd");
    assertThatThrownBy(() -> train(sgd, new Untouched(), from, straightDir)).isInstanceOf(KilnException.class)
        .hasMessageContaining("train-state-004.json: the run was trained with optimizer adam,"
            + " the settings now say sgd");
  }

  @Test
  void theStateFileRoundTrips() throws Exception {
    TrainState state = new TrainState(12, "adam", 96, 2.5e-4, false,
        Map.of("early_stopping", kw("best", Double.POSITIVE_INFINITY, "wait", 3, "best_weights", null)));
    Checkpoints files = new Checkpoints(straightDir);
    files.write(new Weights(), new Weights(), state);
    TrainState read = files.readState(12);
    assertThat(read.iterations()).isEqualTo(96);
    assertThat(read.learningRate()).isEqualTo(2.5e-4);
    assertThat(TrainState.number((Map<?, ?>) read.callbacks().get("early_stopping"), "best", "x")).isNull();
    assertThat(Files.readString(files.state(12))).contains("\"iterations\": 96");
    Files.writeString(files.state(12), "{\"format\": 2}");
    assertThatThrownBy(() -> files.readState(12)).hasMessageContaining("format 2 is newer than this trainer's 1");
  }
}
