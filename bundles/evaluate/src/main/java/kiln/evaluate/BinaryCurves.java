package kiln.evaluate;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Score-sorted binary curves with scikit-learn's definitions, which MLTK calls: {@code roc_curve}
 * (with {@code drop_intermediate=True}), {@code precision_recall_curve} (the full curve of
 * scikit-learn 1.1 and later) and {@code auc} (trapezoid rule). A sample is predicted positive at a
 * threshold when its score is {@code >=} the threshold.
 */
public final class BinaryCurves {
  private BinaryCurves() {}

  /**
   * A ROC curve: false and true positive rates at decreasing thresholds, starting at (0, 0). The
   * first threshold is the highest score plus one (scikit-learn before 1.3; later versions write
   * infinity, which JSON cannot hold).
   */
  public record Roc(double[] fpr, double[] tpr, double[] thresholds) {}

  /**
   * A precision-recall curve: values at increasing thresholds, ending with precision 1 and recall 0
   * (which has no threshold, so {@code thresholds} is one shorter).
   */
  public record PrecisionRecall(double[] precision, double[] recall, double[] thresholds) {}

  /** Counts at each distinct score, highest first (scikit-learn's {@code _binary_clf_curve}). */
  private record Counts(double[] fps, double[] tps, double[] thresholds) {}

  private static Counts counts(boolean[] positive, float[] scores) {
    if (positive.length != scores.length) {
      throw new IllegalArgumentException(
          positive.length + " labels but " + scores.length + " scores");
    }
    Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
    int n = scores.length;
    double[] fps = new double[n];
    double[] tps = new double[n];
    double[] thr = new double[n];
    int m = 0;
    int tp = 0;
    for (int k = 0; k < n; k++) {
      int i = order[k];
      if (positive[i]) {
        tp++;
      }
      boolean lastOfGroup = k == n - 1 || scores[order[k + 1]] != scores[i];
      if (lastOfGroup) {
        tps[m] = tp;
        fps[m] = k + 1 - tp;
        thr[m] = scores[i];
        m++;
      }
    }
    return new Counts(
        Arrays.copyOf(fps, m), Arrays.copyOf(tps, m), Arrays.copyOf(thr, m));
  }

  /** scikit-learn's {@code roc_curve(y_true, y_score)}. */
  public static Roc roc(boolean[] positive, float[] scores) {
    Counts c = counts(positive, scores);
    double[] fps = c.fps;
    double[] tps = c.tps;
    double[] thr = c.thresholds;
    int n = fps.length;
    if (n > 2) {
      // Drop points on straight segments: keep the ends and every corner.
      int[] keep = new int[n];
      int m = 0;
      keep[m++] = 0;
      for (int i = 1; i < n - 1; i++) {
        double d2f = fps[i + 1] - 2 * fps[i] + fps[i - 1];
        double d2t = tps[i + 1] - 2 * tps[i] + tps[i - 1];
        if (d2f != 0 || d2t != 0) {
          keep[m++] = i;
        }
      }
      keep[m++] = n - 1;
      fps = pick(fps, keep, m);
      tps = pick(tps, keep, m);
      thr = pick(thr, keep, m);
      n = m;
    }
    double[] fpr = new double[n + 1];
    double[] tpr = new double[n + 1];
    double[] thresholds = new double[n + 1];
    double fLast = n == 0 ? 0 : fps[n - 1];
    double tLast = n == 0 ? 0 : tps[n - 1];
    thresholds[0] = n == 0 ? 1 : thr[0] + 1;
    for (int i = 0; i < n; i++) {
      fpr[i + 1] = fLast > 0 ? fps[i] / fLast : Double.NaN;
      tpr[i + 1] = tLast > 0 ? tps[i] / tLast : Double.NaN;
      thresholds[i + 1] = thr[i];
    }
    fpr[0] = fLast > 0 ? 0 : Double.NaN;
    tpr[0] = tLast > 0 ? 0 : Double.NaN;
    return new Roc(fpr, tpr, thresholds);
  }

  /** scikit-learn's {@code precision_recall_curve(y_true, probas_pred)}. */
  public static PrecisionRecall precisionRecall(boolean[] positive, float[] scores) {
    Counts c = counts(positive, scores);
    int n = c.fps.length;
    double[] precision = new double[n + 1];
    double[] recall = new double[n + 1];
    double[] thresholds = new double[n];
    double tLast = n == 0 ? 0 : c.tps[n - 1];
    for (int i = 0; i < n; i++) {
      int j = n - 1 - i; // reversed: increasing thresholds, decreasing recall
      double predicted = c.tps[j] + c.fps[j];
      precision[i] = predicted != 0 ? c.tps[j] / predicted : 0;
      recall[i] = tLast == 0 ? 1 : c.tps[j] / tLast;
      thresholds[i] = c.thresholds[j];
    }
    precision[n] = 1;
    recall[n] = 0;
    return new PrecisionRecall(precision, recall, thresholds);
  }

  /**
   * Area under a curve by the trapezoid rule, for {@code x} increasing or decreasing
   * (scikit-learn's {@code auc}).
   *
   * @throws IllegalArgumentException when {@code x} is not monotonic
   */
  public static double auc(double[] x, double[] y) {
    if (x.length != y.length || x.length < 2) {
      throw new IllegalArgumentException("auc needs two or more points, with as many x as y");
    }
    boolean up = true;
    boolean down = true;
    for (int i = 1; i < x.length; i++) {
      up &= x[i] >= x[i - 1];
      down &= x[i] <= x[i - 1];
    }
    if (!up && !down) {
      throw new IllegalArgumentException("auc: x is neither increasing nor decreasing");
    }
    double area = 0;
    for (int i = 1; i < x.length; i++) {
      area += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2;
    }
    return up ? area : -area;
  }

  private static double[] pick(double[] a, int[] idx, int n) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = a[idx[i]];
    }
    return out;
  }
}
