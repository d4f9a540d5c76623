package kiln.evaluate.plot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.evaluate.AutoencoderMetrics;
import kiln.evaluate.PyFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

/**
 * MLTK's autoencoder plots, as PNG files named like MLTK's: {@code NAME-overall_roc.png},
 * {@code NAME-overall_precision_vs_recall.png}, {@code NAME-histogram.png} (each sample's score,
 * and the score distribution of each class) and {@code NAME-class_roc.png} (ROC and
 * precision-recall per abnormal class).
 */
public final class AutoencoderPlots {
  /** Bins of the score histogram (as MLTK). */
  public static final int BINS = 100;

  private AutoencoderPlots() {}

  /** Every plot, by file name. */
  public static Map<String, byte[]> render(AutoencoderMetrics m) {
    String name = m.name();
    Map<String, byte[]> files = new LinkedHashMap<>();

    XYChart roc =
        Charts.lineChart(
            "Overall ROC: " + name, "False Positive Rate", "True Positive Rate", 640, 480);
    Charts.addLine(
        roc, "auc: " + PyFormat.fixed(m.overallRocAuc(), 3), m.overallFpr(), m.overallTpr());
    Charts.range(roc, 0, 1, 0, 1.01);
    roc.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    files.put(name + "-overall_roc.png", Charts.png(roc));

    XYChart pr = Charts.lineChart("Precision vs Recall: " + name, "Recall", "Precision", 640, 480);
    Charts.addLine(pr, "overall", m.overallRecall(), m.overallPrecision());
    Charts.range(pr, 0, 1, 0, 1.01);
    pr.getStyler().setLegendVisible(false);
    files.put(name + "-overall_precision_vs_recall.png", Charts.png(pr));

    files.put(name + "-histogram.png", histogram(m));

    XYChart classRoc =
        Charts.lineChart("ROC: " + name, "False Positive Rate", "True Positive Rate", 1000, 500);
    XYChart classPr = Charts.lineChart("Precision vs Recall", "Recall", "Precision", 1000, 500);
    boolean many = m.classes().size() > 2;
    m.classStats()
        .forEach(
            (label, st) -> {
              String auc = PyFormat.fixed(st.auc(), 4);
              Charts.addLine(
                  classRoc, many ? "AUC " + label + ": " + auc : "AUC: " + auc, st.fpr(),
                  st.tpr());
              Charts.addLine(classPr, label, st.recall(), st.precision());
            });
    Charts.range(classRoc, 0, 1, 0, 1.01);
    Charts.range(classPr, 0, 1, 0, 1.01);
    classRoc.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    classPr.getStyler().setLegendVisible(many);
    files.put(name + "-class_roc.png", Charts.pngStacked(List.of(classRoc, classPr)));
    return files;
  }

  /** Scores by sample index, over a density histogram of each class's scores. */
  private static byte[] histogram(AutoencoderMetrics m) {
    XYChart loss = Charts.lineChart("Loss", "Sample index", "Predicted value", 1000, 250);
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (float[] scores : m.allScores()) {
      for (float s : scores) {
        min = Math.min(min, s);
        max = Math.max(max, s);
      }
    }
    XYChart hist = Charts.lineChart("Histogram", "Predicted value", "Probability", 1000, 250);
    for (int c = 0; c < m.classes().size(); c++) {
      float[] scores = m.allScores().get(c);
      if (scores.length == 0) {
        continue;
      }
      double[] idx = new double[scores.length];
      double[] val = new double[scores.length];
      for (int i = 0; i < scores.length; i++) {
        idx[i] = i;
        val[i] = scores[i];
      }
      Charts.addLine(loss, m.classes().get(c), idx, val);
      double[][] steps = densitySteps(scores, min, max);
      XYSeries s = Charts.addLine(hist, m.classes().get(c), steps[0], steps[1]);
      if (s != null) {
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
      }
    }
    hist.getStyler().setXAxisDecimalPattern("0.####");
    return Charts.pngStacked(List.of(loss, hist));
  }

  /**
   * A density histogram ({@code count / (n * binWidth)}, as matplotlib's {@code density=True})
   * over {@code [min, max]} in {@link #BINS} bins, as the corners of a step outline.
   */
  static double[][] densitySteps(float[] scores, double min, double max) {
    double width = max > min ? (max - min) / BINS : 1;
    long[] counts = new long[BINS];
    for (float s : scores) {
      int b = (int) ((s - min) / width);
      counts[Math.min(Math.max(b, 0), BINS - 1)]++;
    }
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (int b = 0; b < BINS; b++) {
      double d = counts[b] / (scores.length * width);
      xs.add(min + b * width);
      ys.add(d);
      xs.add(min + (b + 1) * width);
      ys.add(d);
    }
    double[][] out = new double[2][xs.size()];
    for (int i = 0; i < xs.size(); i++) {
      out[0][i] = xs.get(i);
      out[1][i] = ys.get(i);
    }
    return out;
  }
}
