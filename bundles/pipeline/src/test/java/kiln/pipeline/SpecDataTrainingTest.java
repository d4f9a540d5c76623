package kiln.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import kiln.models.ReferenceSpecs;
import kiln.spec.SearchPathModelFinder;
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
