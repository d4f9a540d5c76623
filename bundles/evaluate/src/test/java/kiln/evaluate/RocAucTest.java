package kiln.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Kiln's ROC AUC (MLTK's rule: one vs rest, 101 thresholds k * 0.01, a sample positive when its
 * score is above the threshold, trapezoids) against values worked out by hand, and against a second
 * method, the Mann-Whitney rank statistic.
 */
class RocAucTest {
  static double[] auc(List<float[]> scores, int[] labels) {
    return ClassifierMetrics.compute("t", null, scores, labels).rocAuc();
  }

  @Test
  void fourSamplesByHand() {
    // class 0 scores: positives 0.9 and 0.6, negatives 0.7 and 0.2; of the four
    // (positive, negative) pairs, 0.9 > 0.7, 0.9 > 0.2 and 0.6 > 0.2 are ranked right: 3/4.
    // class 1 scores: positives 0.3 and 0.8, negatives 0.1 and 0.4: 0.3 > 0.1, 0.8 > 0.1,
    // 0.8 > 0.4 right, 0.3 < 0.4 wrong: 3/4.
    List<float[]> scores = List.of(new float[] {0.9f, 0.1f}, new float[] {0.6f, 0.4f},
        new float[] {0.7f, 0.3f}, new float[] {0.2f, 0.8f});
    assertThat(auc(scores, new int[] {0, 0, 1, 1})).containsExactly(new double[] {0.75, 0.75},
        within(1e-12));
  }

  @Test
  void aTieCountsHalf() {
    // class 0: positive 0.5 and negative 0.5 tie, positive 0.8 beats it: (1 + 0.5) / 2
    List<float[]> scores = List.of(new float[] {0.8f, 0.2f}, new float[] {0.5f, 0.5f},
        new float[] {0.5f, 0.5f});
    assertThat(auc(scores, new int[] {0, 0, 1})[0]).isCloseTo(0.75, within(1e-12));
  }

  @Test
  void scoresBetweenTheSameTwoThresholdsTie() {
    // 0.509 and 0.501 both pass threshold 0.50 and fail 0.51: the ROC jumps from (1, 1) to (0, 0)
    // in one step, a triangle of area 0.5, although the positive scored higher
    List<float[]> scores = List.of(new float[] {0.509f, 0.491f}, new float[] {0.501f, 0.499f});
    assertThat(auc(scores, new int[] {0, 1})[0]).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void perfectAndReversedRankings() {
    List<float[]> scores = List.of(new float[] {0.95f, 0.05f}, new float[] {0.35f, 0.65f},
        new float[] {0.15f, 0.85f});
    assertThat(auc(scores, new int[] {0, 1, 1})).containsExactly(new double[] {1, 1}, within(1e-12));
    assertThat(auc(scores, new int[] {1, 0, 0})).containsExactly(new double[] {0, 0}, within(1e-12));
  }

  /**
   * On random scores placed at the middle of the threshold grid's cells (where the 101-point ROC
   * is the exact one), Kiln's AUC is the Mann-Whitney U statistic over (positives x negatives),
   * ties counting half, computed from mid-ranks.
   */
  @Test
  void randomDataAgreesWithTheMannWhitneyStatistic() {
    Random r = new Random(42);
    for (int trial = 0; trial < 20; trial++) {
      int n = 50 + r.nextInt(400);
      int classes = 2 + r.nextInt(4);
      List<float[]> scores = new ArrayList<>();
      int[] labels = new int[n];
      for (int i = 0; i < n; i++) {
        float[] s = new float[classes];
        labels[i] = i < classes ? i : r.nextInt(classes); // every class has a positive
        for (int c = 0; c < classes; c++) {
          // a class's positives score a little higher on average, with many ties
          int cell = Math.min(99, r.nextInt(100) + (labels[i] == c ? r.nextInt(30) : 0));
          s[c] = (cell + 0.5f) / 100;
        }
        scores.add(s);
      }
      double[] kiln = auc(scores, labels);
      for (int c = 0; c < classes; c++) {
        assertThat(kiln[c]).as("trial %d class %d", trial, c)
            .isCloseTo(mannWhitney(scores, labels, c), within(1e-12));
      }
    }
  }

  /** U / (positives x negatives), U = rank sum of the positives - p (p + 1) / 2, mid-ranks. */
  static double mannWhitney(List<float[]> scores, int[] labels, int c) {
    int n = labels.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Float.compare(scores.get(a)[c], scores.get(b)[c]));
    double[] rank = new double[n];
    for (int i = 0; i < n; ) {
      int j = i;
      while (j + 1 < n && scores.get(order[j + 1])[c] == scores.get(order[i])[c]) {
        j++;
      }
      double mid = (i + j) / 2.0 + 1; // ranks i+1 .. j+1 share their mean
      for (int k = i; k <= j; k++) {
        rank[order[k]] = mid;
      }
      i = j + 1;
    }
    double rankSum = 0;
    long positives = 0;
    for (int i = 0; i < n; i++) {
      if (labels[i] == c) {
        rankSum += rank[i];
        positives++;
      }
    }
    double u = rankSum - positives * (positives + 1) / 2.0;
    return u / (positives * (double) (n - positives));
  }
}
