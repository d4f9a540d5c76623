package kiln.evaluate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.api.KilnException;

/**
 * A classifier's evaluation with MLTK's definitions ({@code mltk/core/evaluate_classifier.py}):
 *
 * <ul>
 *   <li>predicted class = first index of the highest score; overall and per-class accuracy;
 *   <li>ROC per class, one vs rest, at the 101 thresholds {@code k * 0.01}, {@code k = 0..100}: a
 *       sample counts as positive when its score is strictly greater than the threshold, the point
 *       at threshold 0 is forced to (1, 1), AUC by trapezoids between consecutive thresholds, and
 *       the average AUC over classes;
 *   <li>precision and recall per class as scikit-learn's precision-recall curve;
 *   <li>confusion matrix, rows the actual class and columns the predicted class.
 * </ul>
 *
 * Kiln adds {@code class_precision} and {@code class_recall}: each class's precision and recall
 * when the predicted class is the highest score (from the confusion matrix). Scores are compared
 * in double precision.
 *
 * @param name the model name
 * @param classes class names
 * @param overallAccuracy fraction of samples whose predicted class is their label
 * @param classAccuracies per class: correct / samples of that class (0 when none)
 * @param fpr per class, false positive rate at each ROC threshold
 * @param tpr per class, true positive rate at each ROC threshold
 * @param rocAuc per class, area under the ROC curve
 * @param rocThresholds the ROC thresholds
 * @param rocAucAvg the mean of {@code rocAuc}
 * @param precision per class, the precision-recall curve's precision
 * @param recall per class, the precision-recall curve's recall
 * @param confusionMatrix counts [actual][predicted]
 * @param classPrecision per class, precision of the highest-score decision
 * @param classRecall per class, recall of the highest-score decision
 */
public record ClassifierMetrics(
    String name,
    List<String> classes,
    double overallAccuracy,
    double[] classAccuracies,
    double[][] fpr,
    double[][] tpr,
    double[] rocAuc,
    double[] rocThresholds,
    double rocAucAvg,
    double[][] precision,
    double[][] recall,
    long[][] confusionMatrix,
    double[] classPrecision,
    double[] classRecall) {

  /** MLTK's {@code model_type} for classifiers. */
  public static final String MODEL_TYPE = "classification";

  /** Number of ROC thresholds (0, 0.01, ..., 1.0). */
  public static final int ROC_THRESHOLDS = 101;

  /**
   * Computes every metric.
   *
   * @param name the model name
   * @param classes class names; null or empty names them "0", "1", ...
   * @param scores one score vector per sample; vectors of length 1 are a binary classifier's
   *     probability of class 1 (MLTK: below 0.5 is class 0)
   * @param labels the true class of each sample
   * @throws KilnException naming the sample or class that is inconsistent
   */
  public static ClassifierMetrics compute(
      String name, List<String> classes, List<float[]> scores, int[] labels) {
    double[][] p = toMatrix(scores, labels);
    int n = p.length;
    int nClasses = p[0].length;
    if (classes == null || classes.isEmpty()) {
      classes = new ArrayList<>();
      for (int c = 0; c < nClasses; c++) {
        classes.add(Integer.toString(c));
      }
    } else if (classes.size() != nClasses) {
      throw new KilnException(
          "classes: the model gives " + nClasses + " scores per sample but " + classes.size()
              + " class names are given " + classes);
    }
    for (int i = 0; i < n; i++) {
      if (labels[i] < 0 || labels[i] >= nClasses) {
        throw new KilnException(
            "labels: sample " + i + " has class " + labels[i] + ", expected 0.."
                + (nClasses - 1));
      }
    }

    int[] predicted = new int[n];
    long[][] cm = new long[nClasses][nClasses];
    int correct = 0;
    for (int i = 0; i < n; i++) {
      predicted[i] = argmax(p[i]);
      cm[labels[i]][predicted[i]]++;
      if (predicted[i] == labels[i]) {
        correct++;
      }
    }
    double[] classAcc = new double[nClasses];
    double[] classPrecision = new double[nClasses];
    for (int c = 0; c < nClasses; c++) {
      long actual = 0;
      long predictedAs = 0;
      for (int k = 0; k < nClasses; k++) {
        actual += cm[c][k];
        predictedAs += cm[k][c];
      }
      classAcc[c] = safeDivide(cm[c][c], actual);
      classPrecision[c] = safeDivide(cm[c][c], predictedAs);
    }

    double[] thresholds = new double[ROC_THRESHOLDS];
    for (int k = 0; k < ROC_THRESHOLDS; k++) {
      thresholds[k] = k * 0.01; // numpy.arange(0.0, 1.01, 0.01) gives exactly these doubles
    }
    double[][] fpr = new double[nClasses][ROC_THRESHOLDS];
    double[][] tpr = new double[nClasses][ROC_THRESHOLDS];
    double[] auc = new double[nClasses];
    double[][] precision = new double[nClasses][];
    double[][] recall = new double[nClasses][];
    double aucSum = 0;
    for (int c = 0; c < nClasses; c++) {
      long positives = 0;
      for (int label : labels) {
        if (label == c) {
          positives++;
        }
      }
      long negatives = n - positives;
      fpr[c][0] = 1;
      tpr[c][0] = 1;
      for (int k = 1; k < ROC_THRESHOLDS; k++) {
        long tp = 0;
        long fp = 0;
        for (int i = 0; i < n; i++) {
          if (p[i][c] > thresholds[k]) {
            if (labels[i] == c) {
              tp++;
            } else {
              fp++;
            }
          }
        }
        fpr[c][k] = safeDivide(fp, negatives);
        tpr[c][k] = safeDivide(tp, positives);
      }
      auc[c] = rocAuc(fpr[c], tpr[c]);
      aucSum += auc[c];

      boolean[] isClass = new boolean[n];
      float[] classScores = new float[n];
      for (int i = 0; i < n; i++) {
        isClass[i] = labels[i] == c;
        classScores[i] = (float) p[i][c];
      }
      BinaryCurves.PrecisionRecall pr = BinaryCurves.precisionRecall(isClass, classScores);
      precision[c] = pr.precision();
      recall[c] = pr.recall();
    }

    return new ClassifierMetrics(
        name,
        List.copyOf(classes),
        (double) correct / n,
        classAcc,
        fpr,
        tpr,
        auc,
        thresholds,
        aucSum / nClasses,
        precision,
        recall,
        cm,
        classPrecision,
        classAcc.clone());
  }

  /**
   * Area under a ROC curve given as its points at rising thresholds (from (1, 1) towards (0, 0)),
   * by MLTK's rule: trapezoids between consecutive points, {@code sum 0.5 * (tpr[k] + tpr[k+1]) *
   * (fpr[k] - fpr[k+1])}.
   */
  public static double rocAuc(double[] fpr, double[] tpr) {
    if (fpr.length != tpr.length) {
      throw new KilnException("roc: " + fpr.length + " false positive rates but " + tpr.length
          + " true positive rates");
    }
    double area = 0;
    for (int k = 0; k < fpr.length - 1; k++) {
      area += .5 * (tpr[k] + tpr[k + 1]) * (fpr[k] - fpr[k + 1]);
    }
    return area;
  }

  /** The results with MLTK's {@code eval-results.json} keys, in MLTK's order, then Kiln's own. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("model_type", MODEL_TYPE);
    m.put("classes", classes);
    m.put("overall_accuracy", overallAccuracy);
    m.put("class_accuracies", classAccuracies);
    m.put("fpr", List.of(fpr));
    m.put("tpr", List.of(tpr));
    m.put("roc_auc", rocAuc);
    m.put("roc_thresholds", rocThresholds);
    m.put("roc_auc_avg", rocAucAvg);
    m.put("precision", List.of(precision));
    m.put("recall", List.of(recall));
    m.put("confusion_matrix", List.of(confusionMatrix));
    m.put("class_precision", classPrecision);
    m.put("class_recall", classRecall);
    return m;
  }

  /**
   * The text of {@code summary.txt}: MLTK's lines (name, model type, overall accuracy, class
   * accuracies and class ROC AUCs, each list sorted from best to worst), then each class's
   * precision and recall when the highest score decides.
   */
  public String summary() {
    StringBuilder s =
        new StringBuilder(summary(name, classes, overallAccuracy, classAccuracies, rocAucAvg, rocAuc));
    // Kiln's addition after MLTK's lines: the decision-point precision and recall per class.
    s.append("Class precision / recall (highest score decides):\n");
    for (int c = 0; c < classes.size(); c++) {
      s.append("- ").append(classes.get(c)).append(" = ")
          .append(PyFormat.percent3(classPrecision[c])).append("% / ")
          .append(PyFormat.percent3(classRecall[c])).append("%\n");
    }
    return s.toString();
  }

  /** MLTK's summary text, exactly, from the values MLTK's {@code eval-results.json} holds. */
  public static String summary(
      String name,
      List<String> classes,
      double overallAccuracy,
      double[] classAccuracies,
      double rocAucAvg,
      double[] rocAuc) {
    StringBuilder s = new StringBuilder();
    s.append("Name: ").append(name).append('\n');
    s.append("Model Type: ").append(MODEL_TYPE).append('\n');
    s.append("Overall accuracy: ").append(PyFormat.percent3(overallAccuracy)).append("%\n");
    s.append("Class accuracies:\n");
    for (int c : sortedDescending(classAccuracies)) {
      s.append("- ").append(classes.get(c)).append(" = ")
          .append(PyFormat.percent3(classAccuracies[c])).append("%\n");
    }
    s.append("Average ROC AUC: ").append(PyFormat.percent3(rocAucAvg)).append("%\n");
    s.append("Class ROC AUC:\n");
    for (int c : sortedDescending(rocAuc)) {
      s.append("- ").append(classes.get(c)).append(" = ")
          .append(PyFormat.percent3(rocAuc[c])).append("%\n");
    }
    return s.toString();
  }

  /** Class indexes by value, highest first, ties in class order (Python's stable sort). */
  private static List<Integer> sortedDescending(double[] values) {
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      idx.add(i);
    }
    idx.sort(Comparator.comparingDouble((Integer i) -> values[i]).reversed());
    return idx;
  }

  static int argmax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  private static double safeDivide(double num, double den) {
    return den == 0 ? 0 : num / den;
  }

  /** Checks the scores and widens them; a binary classifier's single score becomes two columns. */
  private static double[][] toMatrix(List<float[]> scores, int[] labels) {
    if (scores == null || scores.isEmpty()) {
      throw new KilnException("scores: expected one score vector per sample, found no samples");
    }
    if (labels == null || labels.length != scores.size()) {
      throw new KilnException(
          "labels: expected one label per sample (" + scores.size() + "), found "
              + (labels == null ? "none" : labels.length));
    }
    int width = scores.get(0).length;
    if (width == 0) {
      throw new KilnException("scores: sample 0 has no scores");
    }
    boolean binary = width == 1;
    double[][] p = new double[scores.size()][binary ? 2 : width];
    for (int i = 0; i < p.length; i++) {
      float[] s = scores.get(i);
      if (s.length != width) {
        throw new KilnException(
            "scores: sample " + i + " has " + s.length + " values, expected " + width
                + " like sample 0");
      }
      for (int c = 0; c < s.length; c++) {
        if (Float.isNaN(s[c])) {
          throw new KilnException("scores: sample " + i + " class " + c + " is NaN");
        }
      }
      if (binary) {
        // MLTK: the score goes into the column of the class it decides (below 0.5 is class 0).
        p[i][s[0] < 0.5f ? 0 : 1] = s[0];
      } else {
        for (int c = 0; c < width; c++) {
          p[i][c] = s[c];
        }
      }
    }
    return p;
  }
}
