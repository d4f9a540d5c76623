package kiln.evaluate.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/**
 * The training history plot MLTK puts in {@code training-history.png}: loss over epochs (train
 * and validation) above accuracy over epochs. Any other metric pair {@code X} / {@code val_X} in
 * the history gets its own panel below.
 */
public final class TrainingHistoryPlot {
  private TrainingHistoryPlot() {}

  /**
   * Renders the plot.
   *
   * @param name the model name (in the title)
   * @param history per-epoch values by metric name ({@code loss}, {@code val_loss},
   *     {@code accuracy}, {@code val_accuracy}, ...), as a trainer reports them
   * @param firstEpoch the number of the first epoch in the lists (0 as Keras counts)
   * @return PNG bytes
   */
  public static byte[] render(String name, Map<String, List<Double>> history, int firstEpoch) {
    List<String> metrics = new ArrayList<>();
    if (history.containsKey("loss") || history.containsKey("val_loss")) {
      metrics.add("loss");
    }
    if (history.containsKey("accuracy") || history.containsKey("val_accuracy")) {
      metrics.add("accuracy");
    }
    for (String k : history.keySet()) {
      if (!k.startsWith("val_") && !k.equals("lr") && !metrics.contains(k)) {
        metrics.add(k);
      }
    }
    List<XYChart> panels = new ArrayList<>();
    for (String metric : metrics) {
      String title = Character.toUpperCase(metric.charAt(0)) + metric.substring(1);
      if (panels.isEmpty()) {
        title = name + " Training History: " + title;
      }
      String axis = Character.toUpperCase(metric.charAt(0)) + metric.substring(1);
      XYChart chart = Charts.lineChart(title, "Epoch", axis, 800, 350);
      line(chart, "Train", history.get(metric), firstEpoch);
      line(chart, "Validation", history.get("val_" + metric), firstEpoch);
      // Losses fall and accuracies rise: keep the legend away from the curves.
      chart.getStyler().setLegendPosition(
          metric.contains("loss") ? Styler.LegendPosition.InsideNE : Styler.LegendPosition.InsideSE);
      if (!chart.getSeriesMap().isEmpty()) {
        panels.add(chart);
      }
    }
    if (panels.isEmpty()) {
      XYChart empty = Charts.lineChart(name + " Training History (no epochs)", "Epoch", "", 800, 350);
      Charts.addLine(empty, "none", new double[] {firstEpoch}, new double[] {0});
      panels.add(empty);
    }
    return Charts.pngStacked(panels);
  }

  private static void line(XYChart chart, String label, List<Double> values, int firstEpoch) {
    if (values == null || values.isEmpty()) {
      return;
    }
    double[] x = new double[values.size()];
    double[] y = new double[values.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = firstEpoch + i;
      Double v = values.get(i);
      y[i] = v == null ? Double.NaN : v;
    }
    Charts.addLine(chart, label, x, y);
  }
}
