package kiln.evaluate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.api.KilnException;

/**
 * An autoencoder's evaluation with MLTK's definitions ({@code mltk/core/evaluate_autoencoder.py}).
 * Each sample has one anomaly score (its reconstruction error); class 0 is normal, every other
 * class abnormal, and a sample is called abnormal when its score is strictly above a threshold.
 *
 * <ul>
 *   <li>overall accuracy: the best fraction of correct calls over the 100 thresholds {@code min +
 *       k/100 * (max - min)}, {@code k = 0..99};
 *   <li>precision and recall at the 101 thresholds {@code k = 0..100} ({@code thresholds}), and
 *       the precision/recall accuracy, the best {@code (precision + recall) / 2};
 *   <li>overall ROC at the same thresholds, the first point forced to (1, 1), and its AUC by
 *       trapezoids;
 *   <li>per abnormal class (normal samples against that class) scikit-learn's ROC curve, AUC and
 *       precision-recall curve, plus {@code all} (normal against every abnormal class) when there
 *       are two or more abnormal classes.
 * </ul>
 *
 * Difference from MLTK: MLTK's overall figures use only the last abnormal class (its loop keeps
 * the last one); Kiln uses all abnormal samples. With one abnormal class both agree. Scores are
 * compared to thresholds in double precision.
 *
 * @param name the model name
 * @param classes class names, the normal class first
 * @param allScores the scores of each class's samples, in sample order
 * @param thresholds the 101 thresholds of the overall curves
 * @param overallAccuracy the best accuracy over thresholds
 * @param overallPrecision precision at each threshold
 * @param overallRecall recall at each threshold
 * @param overallPrAccuracy the best (precision + recall) / 2
 * @param overallTpr true positive rate at each threshold
 * @param overallFpr false positive rate at each threshold
 * @param overallRocAuc area under the overall ROC curve
 * @param classStats per abnormal class name (and {@code all}): the curves and AUC
 */
public record AutoencoderMetrics(
    String name,
    List<String> classes,
    List<float[]> allScores,
    double[] thresholds,
    double overallAccuracy,
    double[] overallPrecision,
    double[] overallRecall,
    double overallPrAccuracy,
    double[] overallTpr,
    double[] overallFpr,
    double overallRocAuc,
    Map<String, ClassStats> classStats) {

  /** MLTK's {@code model_type} for autoencoders. */
  public static final String MODEL_TYPE = "auto_encoder";

  /** One abnormal class against the normal class, with scikit-learn's curves. */
  public record ClassStats(
      double[] fpr, double[] tpr, double[] thr, double auc, double[] precision, double[] recall) {
    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("fpr", fpr);
      m.put("tpr", tpr);
      m.put("thr", thr);
      m.put("auc", auc);
      m.put("precision", precision);
      m.put("recall", recall);
      return m;
    }
  }

  /**
   * Mean squared difference between an input and its reconstruction (the usual anomaly score).
   *
   * @throws KilnException when the lengths differ
   */
  public static float meanSquaredError(float[] input, float[] reconstruction, int sample) {
    if (input.length != reconstruction.length || input.length == 0) {
      throw new KilnException(
          "autoencoder sample " + sample + ": the reconstruction has " + reconstruction.length
              + " values, the input " + input.length);
    }
    double sum = 0;
    for (int i = 0; i < input.length; i++) {
      double d = (double) input[i] - reconstruction[i];
      sum += d * d;
    }
    return (float) (sum / input.length);
  }

  /**
   * Computes every metric.
   *
   * @param name the model name
   * @param classes class names, the normal class first (two or more)
   * @param scores one anomaly score per sample
   * @param labels each sample's class index
   * @throws KilnException when a class index is out of range, a score is NaN, or there are no
   *     normal or no abnormal samples
   */
  public static AutoencoderMetrics compute(
      String name, List<String> classes, float[] scores, int[] labels) {
    if (classes == null || classes.size() < 2) {
      throw new KilnException(
          "classes: an autoencoder evaluation needs the normal class and at least one abnormal"
              + " class, found " + classes);
    }
    if (labels == null || labels.length != scores.length || scores.length == 0) {
      throw new KilnException(
          "labels: expected one label per score (" + scores.length + "), found "
              + (labels == null ? "none" : labels.length));
    }
    int nClasses = classes.size();
    List<List<Float>> perClass = new ArrayList<>();
    for (int c = 0; c < nClasses; c++) {
      perClass.add(new ArrayList<>());
    }
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < scores.length; i++) {
      if (labels[i] < 0 || labels[i] >= nClasses) {
        throw new KilnException(
            "labels: sample " + i + " has class " + labels[i] + ", expected 0.." + (nClasses - 1));
      }
      if (Float.isNaN(scores[i])) {
        throw new KilnException("scores: sample " + i + " has a NaN anomaly score");
      }
      perClass.get(labels[i]).add(scores[i]);
      min = Math.min(min, scores[i]);
      max = Math.max(max, scores[i]);
    }
    List<float[]> all = new ArrayList<>();
    for (List<Float> l : perClass) {
      float[] a = new float[l.size()];
      for (int i = 0; i < a.length; i++) {
        a[i] = l.get(i);
      }
      all.add(a);
    }
    if (all.get(0).length == 0 || all.get(0).length == scores.length) {
      throw new KilnException(
          "labels: an autoencoder evaluation needs normal (class 0, " + classes.get(0)
              + ") and abnormal samples; found " + all.get(0).length + " normal of "
              + scores.length);
    }

    // Normal samples first, then every abnormal class, as MLTK lays them out.
    float[] yPred = concat(all, 0, nClasses);
    boolean[] abnormal = new boolean[yPred.length];
    for (int i = all.get(0).length; i < abnormal.length; i++) {
      abnormal[i] = true;
    }

    double range = (double) max - min;
    double[] thresholds = new double[101];
    for (int k = 0; k < thresholds.length; k++) {
      thresholds[k] = min + k * 0.01 * range;
    }

    double accuracy = 0;
    for (int k = 0; k < 100; k++) {
      int correct = 0;
      for (int i = 0; i < yPred.length; i++) {
        if ((yPred[i] > thresholds[k]) == abnormal[i]) {
          correct++;
        }
      }
      accuracy = Math.max(accuracy, (double) correct / yPred.length);
    }

    int nNormal = all.get(0).length;
    int nAbnormal = yPred.length - nNormal;
    double[] precision = new double[thresholds.length];
    double[] recall = new double[thresholds.length];
    double[] tpr = new double[thresholds.length];
    double[] fpr = new double[thresholds.length];
    double prAccuracy = 0;
    for (int k = 0; k < thresholds.length; k++) {
      long tp = 0;
      long fp = 0;
      for (int i = 0; i < yPred.length; i++) {
        if (yPred[i] > thresholds[k]) {
          if (abnormal[i]) {
            tp++;
          } else {
            fp++;
          }
        }
      }
      long fn = nAbnormal - tp;
      precision[k] = tp / Math.max(tp + fp, 1e-9);
      recall[k] = tp / Math.max(tp + fn, 1e-9);
      prAccuracy = Math.max(prAccuracy, (precision[k] + recall[k]) / 2);
      tpr[k] = (double) tp / nAbnormal;
      fpr[k] = (double) fp / nNormal;
    }
    tpr[0] = 1;
    fpr[0] = 1;
    double rocAuc = 0;
    for (int k = 0; k < thresholds.length - 1; k++) {
      rocAuc += .5 * (tpr[k] + tpr[k + 1]) * (fpr[k] - fpr[k + 1]);
    }

    Map<String, ClassStats> stats = new LinkedHashMap<>();
    for (int c = 1; c < nClasses; c++) {
      if (all.get(c).length > 0) {
        stats.put(classes.get(c), classStats(all.get(0), all.get(c)));
      }
    }
    if (nClasses > 2) {
      stats.put("all", classStats(all.get(0), concat(all, 1, nClasses)));
    }

    return new AutoencoderMetrics(
        name, List.copyOf(classes), List.copyOf(all), thresholds, accuracy, precision, recall,
        prAccuracy, tpr, fpr, rocAuc, stats);
  }

  private static ClassStats classStats(float[] normal, float[] abnormal) {
    float[] y = new float[normal.length + abnormal.length];
    boolean[] positive = new boolean[y.length];
    System.arraycopy(normal, 0, y, 0, normal.length);
    System.arraycopy(abnormal, 0, y, normal.length, abnormal.length);
    for (int i = normal.length; i < y.length; i++) {
      positive[i] = true;
    }
    BinaryCurves.Roc roc = BinaryCurves.roc(positive, y);
    BinaryCurves.PrecisionRecall pr = BinaryCurves.precisionRecall(positive, y);
    return new ClassStats(
        roc.fpr(), roc.tpr(), roc.thresholds(), BinaryCurves.auc(roc.fpr(), roc.tpr()),
        pr.precision(), pr.recall());
  }

  private static float[] concat(List<float[]> parts, int from, int to) {
    int n = 0;
    for (int c = from; c < to; c++) {
      n += parts.get(c).length;
    }
    float[] out = new float[n];
    int o = 0;
    for (int c = from; c < to; c++) {
      System.arraycopy(parts.get(c), 0, out, o, parts.get(c).length);
      o += parts.get(c).length;
    }
    return out;
  }

  /** The results with MLTK's {@code eval-results.json} keys, in MLTK's order. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("model_type", MODEL_TYPE);
    m.put("classes", classes);
    m.put("all_scores", allScores);
    m.put("thresholds", thresholds);
    m.put("overall_accuracy", overallAccuracy);
    m.put("overall_precision", overallPrecision);
    m.put("overall_recall", overallRecall);
    m.put("overall_pr_accuracy", overallPrAccuracy);
    m.put("overall_tpr", overallTpr);
    m.put("overall_fpr", overallFpr);
    m.put("overall_roc_auc", overallRocAuc);
    Map<String, Object> stats = new LinkedHashMap<>();
    classStats.forEach((k, v) -> stats.put(k, v.toMap()));
    m.put("class_stats", stats);
    return m;
  }

  /** The text of MLTK's autoencoder {@code summary.txt}. */
  public String summary() {
    StringBuilder s = new StringBuilder();
    s.append("Name: ").append(name).append('\n');
    s.append("Model Type: ").append(MODEL_TYPE).append('\n');
    s.append("Overall accuracy: ").append(PyFormat.percent3(overallAccuracy)).append("%\n");
    s.append("Precision/recall accuracy: ").append(PyFormat.percent3(overallPrAccuracy))
        .append("%\n");
    s.append("Overall ROC AUC: ").append(PyFormat.percent3(overallRocAuc)).append('%');
    if (classStats.size() > 1) {
      s.append("\nIndividual class ROC AUC:");
      classStats.forEach(
          (k, v) -> s.append("\n  ").append(k).append(": ").append(PyFormat.percent3(v.auc()))
              .append('%'));
    }
    return s.toString();
  }
}
