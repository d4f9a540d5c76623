package kiln.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import kiln.models.ReferenceSpecs;
import kiln.spec.SearchPathModelFinder;
import kiln.util.data.Idx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spec that supplies its own data (no dataset provider, no datagen) through the whole pipeline:
 * TensorFlow training on its training data, int8 quantization calibrated on that training data, and
 * evaluation on held-out evaluation data the spec draws with another seed.
 */
class SpecDataTrainingTest {
  @TempDir Path dir;

  /** Two classes of 4-feature points around (-1, -1, -1, -1) and (1, 1, 1, 1), noise 0.4. */
  static final String SPEC = """
      import static kiln.nn.Args.kw;
      import java.util.List;
      import java.util.Random;
      import kiln.nn.*;
      import kiln.spec.*;
      import kiln.spec.data.*;
      // @kiln_model
      public class blobs extends KilnModel implements TrainMixin, DatasetMixin, EvaluateClassifierMixin {
        public blobs() {
          epochs = 12;
          batchSize = 16;
          classes = List.of("low", "high");
          inputShape = new int[] {4};
          checkpoint.put("monitor", "accuracy");
          tfliteConverter.put("inference_input_type", "int8");
          tfliteConverter.put("inference_output_type", "int8");
          classWeights = "balanced";
        }
        static SpecDataset draw(int n, long seed) {
          Random r = new Random(seed);
          float[][] x = new float[n][4];
          int[] y = new int[n];
          for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            for (int j = 0; j < 4; j++) {
              x[i][j] = (y[i] == 1 ? 1f : -1f) + (float) (r.nextGaussian() * 0.4);
            }
          }
          return SpecDataset.fromArrays(x, y);
        }
        @Override public SpecDataset trainingData() {
          return draw(TRAIN, 1).shuffle(TRAIN, seed).prefetch(2);
        }
        @Override public SpecDataset validationData() {
          return VALIDATE ? draw(40, 2) : null;
        }
        @Override public SpecDataset evaluationData() {
          return VALIDATE ? draw(60, 3) : null;
        }
        @Override public Network buildModel() {
          Sequential m = new Sequential(name());
          m.add(new InputLayer(inputShape()));
          m.add(new Dense(kw("units", 8, "activation", "relu")));
          m.add(new Dense(kw("units", nClasses(), "activation", "softmax")));
          return m;
        }
        static final int TRAIN = 200;
        static final boolean VALIDATE = true;
      }
      """;

  /** Fashion-MNIST-format files: image i shows a bar in rows 2 * label .. 2 * label + 2, label i % 10. */
  static void writeIdx(Path dir, int train, int test) throws Exception {
    Files.createDirectories(dir);
    for (String prefix : new String[] {"train", "t10k"}) {
      int n = prefix.equals("train") ? train : test;
      byte[] px = new byte[n * 784];
      byte[] y = new byte[n];
      for (int i = 0; i < n; i++) {
        y[i] = (byte) (i % 10);
        for (int r = 2 * y[i]; r < 2 * y[i] + 3; r++) {
          for (int c = 4; c < 24; c++) {
            px[i * 784 + r * 28 + c] = (byte) 200;
          }
        }
      }
      new Idx(new int[] {n, 28, 28}, px).write(dir.resolve(prefix + "-images-idx3-ubyte.gz"));
      new Idx(new int[] {n}, y).write(dir.resolve(prefix + "-labels-idx1-ubyte.gz"));
    }
  }

  TrainCommand command() {
    TrainCommand.Services services = new TrainCommand.Services(SearchPathModelFinder.standard(ReferenceSpecs::all),
        Map.of(), null, Pipelines.catalog(true), null);
    return new TrainCommand(services, dir, dir.resolve("work"));
  }

  String train(String source) throws Exception {
    Files.writeString(dir.resolve("blobs.java"), source);
    TrainFixtures.Lines out = new TrainFixtures.Lines();
    String report = command().run(dir.resolve("blobs.java").toString(), 0, false, false, out);
    System.out.println(String.join("\n", out.lines));
    return report + "\n" + String.join("\n", out.lines);
  }

  @Test
  void aSpecWithItsOwnDataTrainsQuantizesAndEvaluatesOnHeldOutData() throws Exception {
    String log = train(SPEC);
    assertThat(log).contains("Dataset: supplied by the spec (trainingData(), validationData(), evaluation from"
        + " evaluationData())");
    assertThat(log).contains("200 training samples, 40 validation samples");
    assertThat(log).contains("Evaluation samples: 60 from the spec's evaluationData()");
    assertThat(log).contains("Epoch 12/12");
    assertThat(ImageTrainingTest.accuracy(log, "float accuracy")).isGreaterThanOrEqualTo(0.95);
    assertThat(ImageTrainingTest.accuracy(log, ".tflite (int8) accuracy")).isGreaterThanOrEqualTo(0.95);
    assertThat(dir.resolve("blobs.kiln.zip")).exists();
    // the provenance's dataset hash, taken from the batches as training read them, is the one a second
    // pass over the spec's training data gives (a fresh SpecData has made no batches, so it reads again)
    String recorded = kiln.archive.ArchiveReader.open(dir.resolve("blobs.kiln.zip")).provenance().datasetHash();
    kiln.spec.KilnModel spec = SearchPathModelFinder.standard(ReferenceSpecs::all).load(dir.resolve("blobs.java").toString());
    assertThat(recorded).hasSize(64).isEqualTo(SpecData.of(spec).contentHash(200));
  }

  @Test
  void trainingDataAloneIsNeverEvaluatedOn() throws Exception {
    String log = train(SPEC.replace("VALIDATE = true", "VALIDATE = false").replace("epochs = 12", "epochs = 1"));
    assertThat(log).contains("Skipped quantization (.tflite) and evaluation (eval/): the spec supplies training data"
        + " only; evaluation needs held-out samples from evaluationData() or validationData()");
    assertThat(log).doesNotContain("accuracy of the archived weights");
    assertThatThrownBy(() -> ModelData.supplied(
        SearchPathModelFinder.standard(ReferenceSpecs::all).load(dir.resolve("blobs.java").toString()), false, -1))
        .hasMessageContaining("blobs: the spec supplies training data only");
  }

  /** MLTK's basic_tf_dataset_example dry run on small Fashion-MNIST-format files written by the test. */
  @Test
  void basicTfDatasetExampleTrainsInItsDryRun() throws Exception {
    writeIdx(dir.resolve("idx"), 500, 400);
    System.setProperty("kiln.dataset.fashion_mnist.dir", dir.resolve("idx").toString());
    try {
      TrainFixtures.Lines out = new TrainFixtures.Lines();
      String report = command().run("basic_tf_dataset_example-test", 0, false, false, out);
      String log = report + "\n" + String.join("\n", out.lines);
      assertThat(log).contains("346 training samples, 38 validation samples, batch size 128");
      assertThat(log).contains("Epoch 1/1");
      assertThat(log).contains("Evaluation samples: 384 from the spec's evaluationData()");
      assertThat(log).contains(".tflite (int8) accuracy");
      assertThat(dir.resolve("basic_tf_dataset_example-test.kiln.zip")).exists();
    } finally {
      System.clearProperty("kiln.dataset.fashion_mnist.dir");
    }
  }

  @Test
  void aBrokenDataFunctionNamesTheSpecAndLine() throws Exception {
    // line 26 of the spec: the body of draw(), where x[i] of a 3-long array is written at j = 3
    String broken = SPEC.replace("float[][] x = new float[n][4];", "float[][] x = new float[n][3];");
    Files.writeString(dir.resolve("blobs.java"), broken);
    assertThatThrownBy(() -> command().run(dir.resolve("blobs.java").toString(), 0, false, false,
        new TrainFixtures.Lines()))
        .hasMessageStartingWith("blobs: the spec's trainingData() failed at blobs.java:26: ");
  }
}
