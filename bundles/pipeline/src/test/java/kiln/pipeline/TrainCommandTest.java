package kiln.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import kiln.api.KilnException;
import kiln.archive.ArchiveLayout;
import kiln.archive.ArchiveReader;
import kiln.tensorflow.train.TensorFlowTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kiln:train's logic without OSGi, on the embedded yes_no dataset. */
class TrainCommandTest {
  static final Path DATASET = Paths.get("target/test-datasets/yes_no").toAbsolutePath();

  @TempDir
  Path dir;

  @Test
  void dryRunWritesTheArchiveWithEveryTrainingEntry() {
    TrainFixtures.Lines out = new TrainFixtures.Lines();
    TrainCommand cmd = new TrainCommand(TrainFixtures.services(DATASET), dir, dir.resolve("work"));
    String report = cmd.run("keyword_spotting_yes_no-test", 0, false, false, out);
    Path zip = dir.resolve("keyword_spotting_yes_no-test.kiln.zip");
    assertThat(zip).exists();
    assertThat(report).contains("Trained keyword_spotting_yes_no-test: 1 epochs")
        .contains(".tflite (int8) accuracy");
    assertThat(out.lines).anyMatch(l -> l.matches("quantizing keyword_spotting_yes_no-test with ptq-int8 \\(\\d+"
        + " representative training samples\\)"));
    assertThat(out.lines).anyMatch(l -> l.equals("Epoch 1/1"))
        .anyMatch(l -> l.matches("\\d+/\\d+ - .*s - loss: .* - accuracy: .* - val_loss: .* - val_accuracy: .*"));
    ArchiveReader a = ArchiveReader.open(zip);
    String n = "keyword_spotting_yes_no-test";
    assertThat(a.entries()).containsKeys(ArchiveLayout.specSource(n), ArchiveLayout.weights(n),
        ArchiveLayout.summary(n), ArchiveLayout.TRAIN_LOG, ArchiveLayout.TRAINING_HISTORY,
        ArchiveLayout.TRAINING_HISTORY_PLOT, ArchiveLayout.PROVENANCE);
    assertThat(a.weights().asMap()).containsKeys("conv2d/kernel", "batch_normalization/moving_mean", "dense/bias");
    assertThat(a.history().history().get("loss")).hasSize(1);
    assertThat(a.text(ArchiveLayout.PROVENANCE)).contains("\"seed\"").contains("yes_no").contains("2.18");
    assertThat(dir.resolve("work/" + n + "/train/checkpoints/weights-001.weights")).exists();
  }

  @Test
  void resumeContinuesFromTheNewestCheckpointEpoch() {
    TrainFixtures.Lines out = new TrainFixtures.Lines();
    TrainCommand cmd = new TrainCommand(TrainFixtures.services(DATASET), dir, dir.resolve("work"));
    cmd.run("keyword_spotting_yes_no-test", 2, false, true, out);
    assertThat(TensorFlowTrainer.newestCheckpoint(dir.resolve("work/keyword_spotting_yes_no-test"))).isGreaterThan(0);
    int newest = TensorFlowTrainer.newestCheckpoint(dir.resolve("work/keyword_spotting_yes_no-test"));
    TrainFixtures.Lines again = new TrainFixtures.Lines();
    String report = cmd.run("keyword_spotting_yes_no-test", newest + 1, true, false, again);
    assertThat(again.lines).contains("Resuming keyword_spotting_yes_no-test from checkpoint epoch " + newest)
        .contains("Epoch " + (newest + 1) + "/" + (newest + 1))
        .noneMatch(l -> l.equals("Epoch 1/" + (newest + 1)));
    assertThat(report).contains("Trained keyword_spotting_yes_no-test: " + (newest + 1) + " epochs");
    ArchiveReader a = ArchiveReader.open(dir.resolve("keyword_spotting_yes_no-test.kiln.zip"));
    assertThat(a.history().epochs()).endsWith(newest);
  }

  @Test
  void resumeAfterFinishedTrainingRedoesOnlyThePostTrainingStep() throws Exception {
    TrainCommand cmd = new TrainCommand(TrainFixtures.services(DATASET), dir, dir.resolve("work"));
    String n = "keyword_spotting_yes_no-test";
    cmd.run(n, 2, false, true, new TrainFixtures.Lines());
    Path zip = dir.resolve(n + ".kiln.zip");
    kiln.api.model.Weights trained = ArchiveReader.open(zip).weights();
    // a run killed after training, before its archive was complete
    Files.delete(zip);

    TrainFixtures.Lines again = new TrainFixtures.Lines();
    String report = cmd.run(n, 2, true, false, again);
    assertThat(again.lines).contains("Resuming " + n + " from checkpoint epoch 2")
        .contains("Training had finished at epoch 2; using its final weights without training")
        .noneMatch(l -> l.startsWith("Epoch "));
    assertThat(report).contains("Trained " + n + ": 2 epochs").contains(".tflite (int8) accuracy");
    ArchiveReader a = ArchiveReader.open(zip);
    assertThat(a.has(ArchiveLayout.tflite(n))).isTrue();
    assertThat(a.history().epochs()).containsExactly(0, 1);
    for (var e : trained.asMap().entrySet()) {
      assertThat(a.weights().get(e.getKey()).toFloats()).as(e.getKey()).containsExactly(e.getValue().toFloats());
    }
  }

  @Test
  void resumeWithoutCheckpointSaysSo() {
    TrainCommand cmd = new TrainCommand(TrainFixtures.services(DATASET), dir, dir.resolve("work"));
    assertThatThrownBy(() -> cmd.run("keyword_spotting_yes_no-test", 0, true, false, new TrainFixtures.Lines()))
        .isInstanceOf(KilnException.class).hasMessageContaining("--resume: trainer tensorflow has no checkpoint of keyword_spotting_yes_no-test");
  }

  @Test
  void missingDatasetNamesTheSetting() throws Exception {
    Path spec = dir.resolve("no_data.java");
    Files.writeString(spec, """
        import java.util.List;
        import kiln.nn.*;
        import kiln.spec.*;
        // @kiln_model
        public class no_data extends KilnModel implements TrainMixin, AudioDatasetMixin {
          public no_data() {
            dataset = "not_installed";
            classes = List.of("a", "b");
            datagen = new ParallelAudioDataGenerator(kiln.nn.Args.kw("frontend_settings", kiln.api.data.FrontendSettings.defaults()));
          }
          @Override public Network buildModel() {
            Sequential m = new Sequential(name());
            m.add(new InputLayer(inputShape()));
            m.add(new Flatten());
            m.add(new Dense(2));
            return m;
          }
        }
        """);
    TrainCommand cmd = new TrainCommand(TrainFixtures.services(DATASET), dir, dir.resolve("work"));
    assertThatThrownBy(() -> cmd.run(spec.toString(), 0, false, false, new TrainFixtures.Lines()))
        .isInstanceOf(KilnException.class)
        .hasMessageContaining("dataset: 'not_installed' of no_data names no installed dataset provider")
        .hasMessageContaining("installed: [yes_no]");
  }
}
