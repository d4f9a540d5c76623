package kiln.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kiln.api.model.LayerGraph;
import kiln.api.model.TrainJob;
import kiln.api.model.TrainResult;
import kiln.api.model.Trainer;
import kiln.api.model.Weights;
import kiln.archive.ArchiveReader;
import kiln.models.ReferenceSpecs;
import kiln.spec.SearchPathModelFinder;
import kiln.tensorflow.train.TensorFlowTrainer;
import kiln.util.data.Checksum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spec's {@code initialWeights} (MLTK's transfer learning, Keras' {@code load_weights(by_name=True,
 * skip_mismatch=True)}): a base spec is trained, then a spec with the same trunk and another class count
 * starts from it. The trainer must receive the base archive's trunk bit for bit and nothing for the
 * classifier (whose shape differs); that a session starts from exactly those and initializes the rest is
 * kiln.tensorflow's PartialWeightsTest.
 */
class InitialWeightsTest {
  @TempDir Path dir;

  /** A trunk and a classifier on 4-feature points; CLASSES classes, spec data as in SpecDataTrainingTest. */
  static final String SPEC = """
      import static kiln.nn.Args.kw;
      import java.util.ArrayList;
      import java.util.List;
      import java.util.Random;
      import kiln.nn.*;
      import kiln.spec.*;
      import kiln.spec.data.*;
      // @kiln_model
      public class NAME extends KilnModel implements TrainMixin, DatasetMixin {
        public NAME() {
          epochs = EPOCHS;
          batchSize = 16;
          List<String> c = new ArrayList<>();
          for (int i = 0; i < CLASSES; i++) {
            c.add("c" + i);
          }
          classes = c;
          inputShape = new int[] {4};
          checkpoint.put("monitor", "accuracy");
          INITIAL
        }
        @Override public SpecDataset trainingData() {
          Random r = new Random(1);
          float[][] x = new float[64][4];
          int[] y = new int[64];
          for (int i = 0; i < 64; i++) {
            y[i] = i % CLASSES;
            for (int j = 0; j < 4; j++) {
              x[i][j] = y[i] + (float) r.nextGaussian() * 0.3f;
            }
          }
          return SpecDataset.fromArrays(x, y);
        }
        @Override public Network buildModel() {
          Sequential m = new Sequential(name());
          m.add(new InputLayer(inputShape()));
          m.add(new Dense(kw("units", 8, "activation", "relu", "name", "trunk")));
          m.add(new Dense(kw("units", nClasses(), "activation", "softmax", "name", "head")));
          return m;
        }
      }
      """;

  static String spec(String name, int classes, String initial, int epochs) {
    return SPEC.replace("NAME", name).replace("CLASSES", Integer.toString(classes))
        .replace("INITIAL", initial == null ? "" : "initialWeights = \"" + initial + "\";")
        .replace("EPOCHS", Integer.toString(epochs));
  }

  /** The TensorFlow trainer, keeping the initial weights each job gives it. */
  static final class Capturing implements Trainer {
    final TensorFlowTrainer real = new TensorFlowTrainer();
    Weights initial;

    @Override
    public TrainResult train(TrainJob job) {
      initial = job.initialWeights();
      return real.train(job);
    }

    @Override
    public Map<String, List<float[]>> predict(LayerGraph graph, Weights weights, List<float[]> samples,
        List<String> layers) {
      return real.predict(graph, weights, samples, layers);
    }

    @Override
    public String description() {
      return real.description();
    }
  }

  TrainCommand command(Trainer trainer) {
    Catalog catalog = Pipelines.catalog(true);
    if (trainer != null) {
      catalog.trainers.put(Catalog.TRAINER, trainer);
    }
    TrainCommand.Services services = new TrainCommand.Services(SearchPathModelFinder.standard(ReferenceSpecs::all),
        Map.of(), null, catalog, null);
    return new TrainCommand(services, dir, dir.resolve("work"));
  }

  TrainCommand command() {
    return command(null);
  }

  /** Writes the spec and trains it; returns the report and log. */
  String train(String name, String source, Trainer trainer) throws Exception {
    Files.writeString(dir.resolve(name + ".java"), source);
    TrainFixtures.Lines out = new TrainFixtures.Lines();
    String report = command(trainer).run(dir.resolve(name + ".java").toString(), 0, false, false, out);
    return report + "\n" + String.join("\n", out.lines);
  }

  String train(String name, String source) throws Exception {
    return train(name, source, null);
  }

  Weights weights(String name) {
    return ArchiveReader.open(dir.resolve(name + ".kiln.zip")).weights();
  }

  static float[] values(Weights w, String name) {
    return w.get(name).toFloats();
  }

  @Test
  void sharedLayersStartFromTheBaseArchiveAndTheClassifierIsSkipped() throws Exception {
    train("base", spec("base", 2, null, 3));
    Weights base = weights("base");

    Capturing trainer = new Capturing();
    String log = train("tuned", spec("tuned", 3, "base", 1), trainer);
    // what the trainer started from: the trunk of the base archive, bit for bit, and nothing else
    Weights start = trainer.initial;
    assertThat(start.isPartial()).isTrue();
    assertThat(start.asMap().keySet()).containsExactly("trunk/kernel", "trunk/bias");
    for (String w : List.of("trunk/kernel", "trunk/bias")) {
      assertThat(start.get(w).shape()).isEqualTo(base.get(w).shape());
      assertThat(values(start, w)).as(w).isEqualTo(values(base, w));
    }
    // the classifier: 3 classes against the base's 2, so skipped (left to its initializers) and trained
    assertThat(base.get("head/kernel").shape()).containsExactly(8, 2);
    assertThat(weights("tuned").get("head/kernel").shape()).containsExactly(8, 3);
    Path baseArchive = dir.resolve("base.kiln.zip");
    String hash = Checksum.hex("SHA-256", baseArchive);
    assertThat(log).contains("Initial weights from base (" + baseArchive + ", SHA-256 " + hash + "): took 2 of 4"
        + " weights by name and shape; 2 skipped, left to their initializers: head/kernel ([8, 3] here, [8, 2] in"
        + " base), head/bias ([3] here, [2] in base)");
    assertThat(log).contains("Epoch 1/1");

    // the provenance names the source and its hash
    Map<String, Object> extra = ArchiveReader.open(dir.resolve("tuned.kiln.zip")).provenance().extra();
    assertThat(extra.get("initial_weights")).isInstanceOf(Map.class);
    Map<?, ?> p = (Map<?, ?>) extra.get("initial_weights");
    assertThat(p.get("from")).isEqualTo("base");
    assertThat(p.get("file")).isEqualTo("base.kiln.zip");
    assertThat(p.get("sha256")).isEqualTo(hash);
    assertThat(p.get("skipped")).isEqualTo(List.of("head/kernel", "head/bias"));

    // the same spec without the setting starts from its initializers alone
    Capturing scratch = new Capturing();
    assertThat(train("tuned", spec("tuned", 3, null, 1), scratch)).doesNotContain("Initial weights");
    assertThat(scratch.initial).isNull();
  }

  @Test
  void aBaseWithoutATrainedArchiveNamesItAndSaysToTrainIt() throws Exception {
    Files.writeString(dir.resolve("tuned.java"), spec("tuned", 3, "untrained_base", 1));
    assertThatThrownBy(() -> command().run(dir.resolve("tuned.java").toString(), 0, false, false,
        new TrainFixtures.Lines()))
        .hasMessageStartingWith("initialWeights of tuned: tuned starts from the trained weights of untrained_base,"
            + " which has no trained archive: model archive untrained_base.kiln.zip not found (looked at ["
            + dir.resolve("untrained_base.kiln.zip") + "]); train the model first: kiln:train untrained_base");
  }

  @Test
  void aMissingFileIsNamed() throws Exception {
    Files.writeString(dir.resolve("tuned.java"), spec("tuned", 3, "gone.kiln.zip", 1));
    assertThatThrownBy(() -> command().run(dir.resolve("tuned.java").toString(), 0, false, false,
        new TrainFixtures.Lines()))
        .hasMessage("initialWeights of tuned: " + dir.resolve("gone.kiln.zip") + " not found (expected a .kiln.zip,"
            + " .mltk.zip or Keras .h5 file holding trained weights)");
  }

  @Test
  void noMatchingWeightNamesBothModels() throws Exception {
    train("base", spec("base", 2, null, 1));
    Files.writeString(dir.resolve("renamed.java"), spec("renamed", 2, "base", 1).replace("\"trunk\"", "\"body\"")
        .replace("\"head\"", "\"top\""));
    assertThatThrownBy(() -> command().run(dir.resolve("renamed.java").toString(), 0, false, false,
        new TrainFixtures.Lines()))
        .hasMessage("initialWeights of renamed: none of the 4 weights of base (" + dir.resolve("base.kiln.zip")
            + ") matches a weight of renamed by name and shape; weights are taken by layer name, so give the shared"
            + " layers the names they have in base (renamed has [body/kernel, body/bias, top/kernel, top/bias], base"
            + " has [trunk/kernel, trunk/bias, head/kernel, head/bias])");
  }
}
