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
import kiln.api.model.LayerGraph;
import kiln.api.model.TrainJob;
import kiln.api.model.TrainResult;
import kiln.nn.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer on a small synthetic problem: learning, reproducibility, callbacks, errors. */
class TrainerTest {
  @TempDir
  Path dir;

  /** Two classes: the sign of the sum of 8x8 inputs, seeded. */
  static final class Synthetic implements BatchSource {
    private final int batches;
    private final long seed;
    private int k;

    Synthetic(int batches, long seed) {
      this.batches = batches;
      this.seed = seed;
    }

    @Override
    public int batchesPerEpoch() {
      return batches;
    }

    @Override
    public Batch next() {
      SplittableRandom r = new SplittableRandom(seed * 1000 + (k++ % batches));
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

  static LayerGraph model() {
    Sequential m = new Sequential("synthetic");
    m.add(new InputLayer(8, 8, 1));
    m.add(new Conv2D(kw("filters", 4, "kernel_size", 3, "padding", "same",
        "kernel_regularizer", Regularizers.l2(1e-4))));
    m.add(new BatchNormalization());
    m.add(new ReLU());
    m.add(new Dropout(0.1));
    m.add(new Flatten());
    m.add(new Dense(kw("units", 2, "activation", "softmax")));
    return m.toGraph();
  }

  private TrainResult train(Map<String, Object> settings, long seed) {
    return new TensorFlowTrainer().train(new TrainJob(model(), settings, new Synthetic(8, 1), new Synthetic(4, 2),
        null, 0, dir, seed, Progress.NONE));
  }

  private static Map<String, Object> settings(Object... kv) {
    Map<String, Object> s = new LinkedHashMap<>(Map.of("epochs", 3, "optimizer", "adam",
        "loss", "categorical_crossentropy"));
    for (int i = 0; i < kv.length; i += 2) {
      s.put((String) kv[i], kv[i + 1]);
    }
    return s;
  }

  private static double maxAbsDifference(TrainResult a, TrainResult b) {
    double max = 0;
    for (var e : a.weights().asMap().entrySet()) {
      float[] x = e.getValue().toFloats();
      float[] y = b.weights().get(e.getKey()).toFloats();
      for (int i = 0; i < x.length; i++) {
        max = Math.max(max, Math.abs(x[i] - y[i]));
      }
    }
    return max;
  }


  @Test
  void learnsAndIsReproducibleWithTheSameSeed() {
    TrainResult a = train(settings("epochs", 1), 7);
    TrainResult b = train(settings("epochs", 1), 7);
    TrainResult c = train(settings("epochs", 1), 8);
    // TensorFlow's CPU kernels do not promise bit-identical sums from run to run (the 5e-4 once
    // seen here after one epoch of Adam was an update racing the backward pass, since fixed in
    // ModelSession), so the same seed must give the same weights to within float noise, and
    // another seed clearly different ones.
    assertThat(maxAbsDifference(a, b)).isLessThan(2e-3);
    assertThat(maxAbsDifference(a, c)).isGreaterThan(5e-2);
    TrainResult longer = train(settings("epochs", 6), 7);
    assertThat(longer.history().get("loss").get(5)).isLessThan(longer.history().get("loss").get(0));
    assertThat(longer.history().get("accuracy").get(5)).isGreaterThan(longer.history().get("accuracy").get(0));
    assertThat(longer.history()).containsKeys("loss", "accuracy", "val_loss", "val_accuracy", "lr");
  }

  @Test
  void everyOptimizerAndLossTrains() {
    for (Object opt : List.of("sgd", kw("name", "sgd", "learning_rate", 0.05, "momentum", 0.9, "nesterov", true),
        "rmsprop", kw("name", "adam", "learning_rate", 0.01))) {
      TrainResult r = train(settings("optimizer", opt), 3);
      assertThat(r.history().get("loss")).as("%s", opt).allMatch(Double::isFinite);
    }
    for (String loss : List.of("binary_crossentropy", "mean_squared_error", "mean_absolute_error", "contrastive")) {
      assertThat(train(settings("loss", loss), 3).history().get("loss")).as(loss).allMatch(Double::isFinite);
    }
  }

  @Test
  void callbacksStopReduceScheduleAndWriteTensorBoardAndCheckpoints() throws Exception {
    List<Integer> seen = new java.util.ArrayList<>();
    TrainResult r = train(settings("epochs", 30,
        "checkpoint", kw("monitor", "val_accuracy", "save_best_only", false),
        "early_stopping", kw("monitor", "loss", "patience", 0, "min_delta", 10.0),
        "lr_schedule", kw("schedule", (kiln.spec.LrSchedule) (epoch, lr) -> 0.01 / (epoch + 1)),
        "tensorboard", kw("histogram_freq", 0),
        "train_callbacks", List.of(new kiln.spec.TrainCallback() {
          @Override
          public void onEpochBegin(int epoch) {
            seen.add(epoch);
          }
        })), 3);
    // min_delta 10 never counts as an improvement: stops after the second epoch
    assertThat(r.epochs()).isEqualTo(2);
    assertThat(seen).containsExactly(0, 1);
    assertThat(r.history().get("lr")).containsExactly(0.01, 0.005);
    assertThat(TensorFlowTrainer.newestCheckpoint(dir)).isEqualTo(2);
    assertThat(TensorFlowTrainer.readCheckpoint(TensorFlowTrainer.checkpoint(dir, 1)).asMap())
        .containsKey("conv2d/kernel");
    try (var files = Files.walk(dir.resolve(TensorFlowTrainer.TENSORBOARD))) {
      List<Path> events = files.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents.")).toList();
      assertThat(events).hasSize(2);
      for (Path p : events) {
        assertThat(EventFiles.scalars(Files.readAllBytes(p))).isNotEmpty()
            .allMatch(s -> s.startsWith("epoch_"));
      }
    }

    TrainResult plateau = train(settings("epochs", 4,
        "reduce_lr_on_plateau", kw("monitor", "loss", "factor", 0.5, "patience", 1, "min_delta", 10.0)), 3);
    // the first epoch sets the best; every later one misses it by min_delta and halves the rate for the next
    assertThat(plateau.history().get("lr")).containsExactly(0.001, 0.001, 0.0005, 0.00025);
  }

  @Test
  void unsupportedSettingsAreNamed() {
    assertThatThrownBy(() -> train(settings("optimizer", "adagrad"), 1)).isInstanceOf(KilnException.class)
        .hasMessage("optimizer: 'adagrad' is not supported; expected adam, sgd or rmsprop");
    assertThatThrownBy(() -> train(settings("loss", "hinge"), 1)).isInstanceOf(KilnException.class)
        .hasMessage("loss: 'hinge' is not supported; expected categorical_crossentropy, binary_crossentropy,"
            + " mean_squared_error, mean_absolute_error or contrastive");
    assertThatThrownBy(() -> train(settings("loss", "sparse_categorical_crossentropy"), 1))
        .hasMessageContaining("loss: 'sparse_categorical_crossentropy' is not supported");
    assertThatThrownBy(() -> train(settings("optimizer", kw("name", "sgd", "momentun", 0.9)), 1))
        .hasMessageStartingWith("optimizer: unknown argument 'momentun'");
    assertThatThrownBy(() -> train(settings("epochs", -1), 1))
        .hasMessage("epochs: -1 (train until early stopping) needs the early_stopping setting");
    assertThatThrownBy(() -> train(settings("metrics", List.of("auc")), 1))
        .hasMessage("metrics: 'auc' is not supported; expected accuracy");
  }
}
