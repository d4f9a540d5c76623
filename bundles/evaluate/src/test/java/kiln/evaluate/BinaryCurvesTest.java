package kiln.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The examples of scikit-learn's documentation, whose results are published. */
class BinaryCurvesTest {
  private static final boolean[] POSITIVE = {false, false, true, true};
  private static final float[] SCORES = {0.1f, 0.4f, 0.35f, 0.8f};

  @Test
  void rocCurveMatchesScikitLearnsExample() {
    BinaryCurves.Roc roc = BinaryCurves.roc(POSITIVE, SCORES);
    assertThat(roc.fpr()).containsExactly(0, 0, 0.5, 0.5, 1);
    assertThat(roc.tpr()).containsExactly(0, 0.5, 0.5, 1, 1);
    assertThat(roc.thresholds())
        .containsExactly(new double[] {1.8f, 0.8f, 0.4f, 0.35f, 0.1f}, within(1e-7));
    assertThat(BinaryCurves.auc(roc.fpr(), roc.tpr())).isEqualTo(0.75);
  }

  @Test
  void precisionRecallCurveMatchesScikitLearnsExample() {
    BinaryCurves.PrecisionRecall pr = BinaryCurves.precisionRecall(POSITIVE, SCORES);
    assertThat(pr.precision()).containsExactly(new double[] {0.5, 2 / 3.0, 0.5, 1, 1}, within(1e-15));
    assertThat(pr.recall()).containsExactly(1, 1, 0.5, 0.5, 0);
    assertThat(pr.thresholds())
        .containsExactly(new double[] {0.1f, 0.35f, 0.4f, 0.8f}, within(1e-7));
  }

  @Test
  void rocDropsPointsOnStraightSegmentsAndKeepsTies() {
    // Scores 0.9 0.8 0.7 positive, 0.2 0.1 negative: the straight parts collapse to corners.
    BinaryCurves.Roc roc =
        BinaryCurves.roc(
            new boolean[] {true, true, true, false, false},
            new float[] {0.9f, 0.8f, 0.7f, 0.2f, 0.1f});
    assertThat(roc.fpr()).containsExactly(0, 0, 0, 1);
    assertThat(roc.tpr()).containsExactly(0, 1.0 / 3, 1, 1);
    assertThat(BinaryCurves.auc(roc.fpr(), roc.tpr())).isEqualTo(1.0);
    // A positive and a negative with the same score make a diagonal: AUC 0.5.
    BinaryCurves.Roc tie = BinaryCurves.roc(new boolean[] {true, false}, new float[] {0.5f, 0.5f});
    assertThat(BinaryCurves.auc(tie.fpr(), tie.tpr())).isEqualTo(0.5);
  }

  @Test
  void aucRejectsNonMonotonicX() {
    assertThatThrownBy(() -> BinaryCurves.auc(new double[] {0, 1, 0.5}, new double[] {0, 1, 1}))
        .hasMessageContaining("neither increasing nor decreasing");
    assertThat(BinaryCurves.auc(new double[] {1, 0}, new double[] {1, 1})).isEqualTo(1.0);
  }
}
