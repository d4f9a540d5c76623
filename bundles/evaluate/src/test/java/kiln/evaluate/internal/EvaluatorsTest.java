package kiln.evaluate.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import kiln.api.KilnException;
import kiln.api.model.EvaluationJob;
import kiln.api.model.EvaluationResult;
import kiln.util.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluatorsTest {
  @Test
  void classifierWritesMltksFilesAndRealPngs(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("eval/float");
    EvaluationResult r =
        new ClassifierEvaluator()
            .evaluate(
                new EvaluationJob(
                    "toy",
                    List.of("yes", "no", "_unknown_"),
                    kiln.evaluate.ClassifierMetricsTest.SCORES,
                    kiln.evaluate.ClassifierMetricsTest.LABELS,
                    out));
    assertThat(r.metrics().get("overall_accuracy")).isEqualTo(4 / 6.0);
    assertThat(r.summary()).startsWith("Name: toy\nModel Type: classification\n");
    assertThat(r.files())
        .extracting(p -> p.getFileName().toString())
        .containsExactly(
            "eval-results.json", "summary.txt", "toy-roc.png", "toy-precision_vs_recall.png",
            "toy-tpr.png", "toy-fpr.png", "toy-tfp_fpr.png", "toy-confusion_matrix.png");
    assertThat(Files.readString(out.resolve("summary.txt"))).isEqualTo(r.summary());
    Map<String, Object> json =
        Json.parseObject(Files.readString(out.resolve("eval-results.json")), "eval-results.json");
    assertThat(json.get("roc_auc_avg")).isEqualTo(r.metrics().get("roc_auc_avg"));
    BufferedImage roc = ImageIO.read(out.resolve("toy-roc.png").toFile());
    assertThat(roc.getWidth()).isEqualTo(1000);
    assertThat(roc.getHeight()).isEqualTo(800);
    BufferedImage cm = ImageIO.read(out.resolve("toy-confusion_matrix.png").toFile());
    assertThat(cm.getWidth()).isEqualTo(600);
    assertThat(distinctColors(cm)).isGreaterThan(3); // drawn, not blank
    try (var s = Files.list(out)) {
      assertThat(s.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
    }
  }

  @Test
  void autoencoderScoresReconstructionsAndWritesHistogram(@TempDir Path dir) throws Exception {
    // Inputs all zero: the reconstruction's mean square is the score.
    float[] want = kiln.evaluate.AutoencoderMetricsTest.SCORES;
    List<float[]> inputs = new ArrayList<>();
    List<float[]> outputs = new ArrayList<>();
    for (float s : want) {
      inputs.add(new float[] {0, 0, 0, 0});
      float v = (float) Math.sqrt(s);
      outputs.add(new float[] {v, -v, v, -v});
    }
    EvaluationResult r =
        new AutoencoderEvaluator()
            .evaluate(
                new EvaluationJob(
                    "ae", List.of("normal", "A"), outputs,
                    kiln.evaluate.AutoencoderMetricsTest.LABELS, dir, inputs));
    assertThat(r.metrics().get("overall_accuracy")).isEqualTo(6 / 7.0);
    assertThat(r.files())
        .extracting(p -> p.getFileName().toString())
        .containsExactly(
            "eval-results.json", "summary.txt", "ae-overall_roc.png",
            "ae-overall_precision_vs_recall.png", "ae-histogram.png", "ae-class_roc.png");
    BufferedImage hist = ImageIO.read(dir.resolve("ae-histogram.png").toFile());
    assertThat(hist.getHeight()).isEqualTo(500); // two stacked panels
  }

  @Test
  void autoencoderWithoutInputsNeedsOneScorePerSample() {
    EvaluationJob job =
        new EvaluationJob("ae", List.of("normal", "A"), List.of(new float[] {1, 2}),
            new int[] {0}, null);
    assertThatThrownBy(() -> new AutoencoderEvaluator().evaluate(job))
        .isInstanceOf(KilnException.class)
        .hasMessage(
            "scores: sample 0 has 2 values; without inputs an autoencoder evaluation expects one"
                + " anomaly score per sample");
  }

  static int distinctColors(BufferedImage img) {
    java.util.Set<Integer> colors = new java.util.HashSet<>();
    for (int y = 0; y < img.getHeight(); y += 3) {
      for (int x = 0; x < img.getWidth(); x += 3) {
        colors.add(img.getRGB(x, y));
      }
    }
    return colors.size();
  }
}
