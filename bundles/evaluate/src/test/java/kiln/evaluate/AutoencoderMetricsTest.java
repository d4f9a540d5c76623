package kiln.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import kiln.api.KilnException;
import org.junit.jupiter.api.Test;

public class AutoencoderMetricsTest {
  /** normal: 0.1 0.2 0.3 0.4; abnormal "A": 0.35 0.5 0.6 (one overlap: 0.4 above 0.35). */
  public static final float[] SCORES = {0.1f, 0.35f, 0.2f, 0.5f, 0.3f, 0.6f, 0.4f};

  public static final int[] LABELS = {0, 1, 0, 1, 0, 1, 0};

  @Test
  void oneAbnormalClass() {
    AutoencoderMetrics m =
        AutoencoderMetrics.compute("ae", List.of("normal", "A"), SCORES, LABELS);
    assertThat(m.allScores().get(0)).containsExactly(0.1f, 0.2f, 0.3f, 0.4f);
    assertThat(m.allScores().get(1)).containsExactly(0.35f, 0.5f, 0.6f);
    // The best threshold (between 0.3 and 0.35) gets all but the normal 0.4 right.
    assertThat(m.overallAccuracy()).isEqualTo(6 / 7.0);
    // Best (precision + recall) / 2 there: precision 3/4, recall 1.
    assertThat(m.overallPrAccuracy()).isEqualTo(0.875);
    // 11 of 12 (abnormal, normal) pairs are ranked right.
    assertThat(m.overallRocAuc()).isCloseTo(11 / 12.0, within(1e-12));
    assertThat(m.thresholds()).hasSize(101);
    assertThat(m.thresholds()[0]).isEqualTo(0.1f);
    assertThat(m.classStats()).containsOnlyKeys("A");
    assertThat(m.classStats().get("A").auc()).isCloseTo(11 / 12.0, within(1e-12));
    assertThat(m.summary())
        .isEqualTo(
            "Name: ae\nModel Type: auto_encoder\nOverall accuracy: 85.714%\n"
                + "Precision/recall accuracy: 87.500%\nOverall ROC AUC: 91.667%");
  }

  @Test
  void twoAbnormalClassesAddAllAndPerClassLines() {
    float[] scores = {0.1f, 0.35f, 0.2f, 0.5f, 0.3f, 0.6f, 0.4f, 0.45f, 0.55f};
    int[] labels = {0, 1, 0, 1, 0, 1, 0, 2, 2};
    AutoencoderMetrics m =
        AutoencoderMetrics.compute("ae", List.of("normal", "A", "B"), scores, labels);
    assertThat(m.classStats()).containsOnlyKeys("A", "B", "all");
    assertThat(m.classStats().get("B").auc()).isEqualTo(1.0);
    assertThat(m.classStats().get("all").auc()).isCloseTo(19 / 20.0, within(1e-12));
    assertThat(m.overallRocAuc()).isCloseTo(19 / 20.0, within(1e-12));
    assertThat(m.summary())
        .endsWith(
            "Individual class ROC AUC:\n  A: 91.667%\n  B: 100.000%\n  all: 95.000%");
    assertThat(m.toMap().keySet())
        .containsExactly(
            "name", "model_type", "classes", "all_scores", "thresholds", "overall_accuracy",
            "overall_precision", "overall_recall", "overall_pr_accuracy", "overall_tpr",
            "overall_fpr", "overall_roc_auc", "class_stats");
  }

  @Test
  void meanSquaredErrorIsTheReconstructionScore() {
    assertThat(
            AutoencoderMetrics.meanSquaredError(
                new float[] {1, 2, 3, 4}, new float[] {1, 2, 5, 3}, 0))
        .isEqualTo(1.25f);
    assertThatThrownBy(
            () -> AutoencoderMetrics.meanSquaredError(new float[] {1, 2}, new float[] {1}, 7))
        .isInstanceOf(KilnException.class)
        .hasMessage("autoencoder sample 7: the reconstruction has 1 values, the input 2");
  }

  @Test
  void needsNormalAndAbnormalSamples() {
    assertThatThrownBy(
            () -> AutoencoderMetrics.compute(
                "ae", List.of("normal", "A"), new float[] {0.1f, 0.2f}, new int[] {0, 0}))
        .isInstanceOf(KilnException.class)
        .hasMessage(
            "labels: an autoencoder evaluation needs normal (class 0, normal) and abnormal"
                + " samples; found 2 normal of 2");
    assertThatThrownBy(
            () -> AutoencoderMetrics.compute("ae", List.of("normal"), new float[] {0.1f},
                new int[] {0}))
        .isInstanceOf(KilnException.class)
        .hasMessageContaining("at least one abnormal class");
  }
}
