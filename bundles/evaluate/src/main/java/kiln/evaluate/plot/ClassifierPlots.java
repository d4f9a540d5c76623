package kiln.evaluate.plot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.evaluate.ClassifierMetrics;
import kiln.evaluate.PyFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/**
 * MLTK's classifier plots, as PNG files named like MLTK's: {@code NAME-roc.png},
 * {@code NAME-precision_vs_recall.png}, {@code NAME-tpr.png}, {@code NAME-fpr.png},
 * {@code NAME-tfp_fpr.png} and {@code NAME-confusion_matrix.png}.
 *
 * <p>The axes are MLTK's zoomed ranges (ROC: false positive rate 0..0.1, true positive rate
 * 0.5..1) when the average AUC is at least 0.9; a weaker model gets full 0..1 ranges, so its
 * curves stay visible.
 */
public final class ClassifierPlots {
  private static final int WIDTH = 1000;
  private static final int HEIGHT = 800;

  private ClassifierPlots() {}

  /** Every plot, by file name, in MLTK's order. */
  public static Map<String, byte[]> render(ClassifierMetrics m) {
    boolean zoom = m.rocAucAvg() >= 0.9;
    String name = m.name();
    List<String> classes = m.classes();
    Map<String, byte[]> files = new LinkedHashMap<>();

    XYChart roc =
        Charts.lineChart(
            "ROC: " + name + " (average AUC " + PyFormat.fixed(m.rocAucAvg(), 5) + ")",
            "False Positive Rate", "True Positive Rate", WIDTH, HEIGHT);
    for (int c = 0; c < classes.size(); c++) {
      Charts.addLine(
          roc, "AUC: " + PyFormat.fixed(m.rocAuc()[c], 5) + " (" + classes.get(c) + ")",
          m.fpr()[c], m.tpr()[c]);
    }
    Charts.range(roc, 0, zoom ? 0.1 : 1.0, zoom ? 0.5 : 0.0, 1.01);
    roc.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    files.put(name + "-roc.png", Charts.png(roc));

    XYChart pr =
        Charts.lineChart("Precision vs Recall: " + name, "Recall", "Precision", WIDTH, HEIGHT);
    for (int c = 0; c < classes.size(); c++) {
      Charts.addLine(pr, displayName(classes.get(c)), m.recall()[c], m.precision()[c]);
    }
    Charts.range(pr, zoom ? 0.5 : 0.0, 1.0, zoom ? 0.5 : 0.0, 1.01);
    pr.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
    files.put(name + "-precision_vs_recall.png", Charts.png(pr));

    XYChart tpr =
        Charts.lineChart(
            "Thres vs True Positive: " + name, "Threshold", "True Positive Rate", WIDTH, HEIGHT);
    for (int c = 0; c < classes.size(); c++) {
      Charts.addLine(tpr, displayName(classes.get(c)), m.rocThresholds(), m.tpr()[c]);
    }
    Charts.range(tpr, 0, 1, zoom ? 0.8 : 0.0, 1.01);
    tpr.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
    files.put(name + "-tpr.png", Charts.png(tpr));

    XYChart fpr =
        Charts.lineChart(
            "Thres vs False Positive: " + name, "Threshold", "False Positive Rate", WIDTH, HEIGHT);
    for (int c = 0; c < classes.size(); c++) {
      Charts.addLine(fpr, displayName(classes.get(c)), m.rocThresholds(), m.fpr()[c]);
    }
    Charts.range(fpr, 0, 1, 0, zoom ? 0.1 : 1.0);
    fpr.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    files.put(name + "-fpr.png", Charts.png(fpr));

    XYChart both =
        Charts.lineChart(
            "Thres vs True/False Positive: " + name, "Threshold", "True/False Positive Rate",
            WIDTH, HEIGHT);
    for (int c = 0; c < classes.size(); c++) {
      String label = displayName(classes.get(c));
      Charts.addLine(both, "FPR: " + label, m.rocThresholds(), m.fpr()[c]);
      Charts.addLine(both, "TPR: " + label, m.rocThresholds(), m.tpr()[c]);
    }
    Charts.range(both, 0, 1, 0, 1);
    both.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    files.put(name + "-tfp_fpr.png", Charts.png(both));

    files.put(
        name + "-confusion_matrix.png",
        Charts.png(
            Charts.matrixChart(
                "Confusion Matrix: " + name, classes, classes, m.confusionMatrix(),
                "Predicted class", "Actual class", 600)));
    return files;
  }

  /** MLTK drops one leading and one trailing underscore from class names in legends. */
  static String displayName(String label) {
    String s = label;
    if (s.startsWith("_")) {
      s = s.substring(1);
    }
    if (s.endsWith("_")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }
}
