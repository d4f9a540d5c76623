package kiln.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import kiln.quantize.TestModels;
import kiln.api.Progress;
import kiln.api.model.LayerGraph;
import kiln.api.model.Weights;
import kiln.archive.ArchiveReader;
import kiln.evaluate.internal.ClassifierEvaluator;
import kiln.spec.KilnModel;
import kiln.tflite.TfliteModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The post-training step on seed 004's layout with random weights (no TensorFlow needed). */
class PostTrainingTest {
  @TempDir Path dir;

  @Test
  void quantizesEvaluatesBothModelsAndFillsTheArchive() {
    KilnModel spec = TestModels.spec("tflite_micro_speech", dir);
    LayerGraph g = spec.buildGraph();
    Weights w = TestModels.randomWeights(g, 21);
    List<float[]> samples = TestModels.int8Samples(48, 49 * 40, 22);
    int[] labels = new int[samples.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i % 4;
    }
    Path archive = dir.resolve("tflite_micro_speech.kiln.zip");
    StringBuilder log = new StringBuilder();
    Progress p = new Progress() {
      @Override
      public void report(String task, long done, long total) {}

      @Override
      public void message(String line) {
        log.append(line).append('\n');
      }
    };
    // calibrated on other samples than those it is evaluated on
    List<float[]> calibration = TestModels.int8Samples(48, 49 * 40, 23);
    PostTraining.Result r = new PostTraining(Pipelines.steps(false))
        .run(new PostTraining.Job(spec, g, w, calibration, samples, labels, "tflite_micro_speech", p));
    new kiln.archive.internal.ZipModelArchive().write(archive, r.archiveEntries());

    ArchiveReader a = ArchiveReader.open(archive);
    assertThat(a.tflite()).isEqualTo(r.tflite());
    assertThat(a.float32Tflite()).isEqualTo(r.float32Tflite());
    assertThat(a.entries().keySet()).contains("tflite_micro_speech.tflite.summary.txt",
        "eval/float/eval-results.json", "eval/float/summary.txt",
        "eval/tflite/eval-results.json", "eval/tflite/summary.txt",
        "eval/tflite/fidelity.txt", "eval/tflite/fidelity.json",
        "eval/tflite/tflite_micro_speech-roc.png", "eval/float/tflite_micro_speech-confusion_matrix.png");
    assertThat(TfliteModel.read(r.tflite(), "t").parameters().get("name")).isEqualTo("tflite_micro_speech");
    // the fidelity report names the layers that own a tensor: conv (BN, ReLU folded in), flatten, dense, softmax
    assertThat(r.fidelity().layers()).extracting(kiln.evaluate.FidelityReport.LayerError::layer)
        .containsSubsequence("conv2d + batch_normalization + activation + dropout", "flatten",
            "dense (before softmax)", "dense");
    assertThat(r.fidelity().topClassAgreement()).isGreaterThan(0.85);
    assertThat(r.summary()).contains("float accuracy", "top-class agreement");
    assertThat(log).contains("quantizing tflite_micro_speech with ptq-int8 (48 representative training samples)");
  }

  @Test
  void calibrationAndEvaluationSamplesMustBeDisjoint() {
    KilnModel spec = TestModels.spec("tflite_micro_speech", dir);
    LayerGraph g = spec.buildGraph();
    List<float[]> eval = TestModels.int8Samples(4, 49 * 40, 5);
    List<float[]> rep = new java.util.ArrayList<>(TestModels.int8Samples(4, 49 * 40, 6));
    rep.add(eval.get(2));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PostTraining.Job(spec, g, null, rep, eval,
            new int[4], null, null))
        .isInstanceOf(kiln.api.KilnException.class)
        .hasMessageContaining("a representative (calibration) sample is also an evaluation sample");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PostTraining.Job(spec, g, null, List.of(), eval,
            new int[4], null, null))
        .hasMessageContaining("needs representative training samples");
  }
}
