package kiln.tune;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * pareto.png: the trained trials' objective against latency and against RAM, side by side, the
 * Pareto front (objective up, latency and RAM down, all three at once) in its own colour.
 */
final class ParetoPlot {
  private static final int WIDTH = 640;
  private static final int HEIGHT = 480;

  private ParetoPlot() {}

  static void write(Results results, String objective, Path file) throws IOException {
    List<TrialResult> all = results.plotted();
    List<TrialResult> front = results.paretoFront();
    List<TrialResult> rest = all.stream().filter(r -> !front.contains(r)).toList();
    XYChart latency = chart(objective + " vs latency", "latency (ms)", objective);
    XYChart ram = chart(objective + " vs RAM", "RAM (kB)", objective);
    ToDoubleFunction<TrialResult> ms = r -> r.latencySeconds() * 1e3;
    ToDoubleFunction<TrialResult> kb = r -> r.ramBytes() / 1000.0;
    ToDoubleFunction<TrialResult> acc = r -> r.objective(objective);
    add(latency, "Pareto front", front, ms, acc, new Color(0xd62728));
    add(latency, "other trials", rest, ms, acc, new Color(0x1f77b4));
    add(ram, "Pareto front", front, kb, acc, new Color(0xd62728));
    add(ram, "other trials", rest, kb, acc, new Color(0x1f77b4));
    BufferedImage out = new BufferedImage(2 * WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, out.getWidth(), out.getHeight());
    g.drawImage(BitmapEncoder.getBufferedImage(latency), 0, 0, null);
    g.drawImage(BitmapEncoder.getBufferedImage(ram), WIDTH, 0, null);
    g.dispose();
    if (!ImageIO.write(out, "png", file.toFile())) {
      throw new IOException("no PNG writer for " + file);
    }
  }

  private static XYChart chart(String title, String x, String y) {
    XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
    c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    c.getStyler().setPlotBackgroundColor(Color.WHITE);
    c.getStyler().setAntiAlias(true);
    c.getStyler().setMarkerSize(10);
    c.getStyler().setPlotGridLinesColor(new Color(0xdddddd));
    return c;
  }

  private static void add(XYChart c, String name, List<TrialResult> rs, ToDoubleFunction<TrialResult> x,
      ToDoubleFunction<TrialResult> y, Color color) {
    if (rs.isEmpty()) {
      return; // XChart cannot draw an empty series
    }
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (TrialResult r : rs) {
      xs.add(x.applyAsDouble(r));
      ys.add(y.applyAsDouble(r));
    }
    XYSeries s = c.addSeries(name, xs, ys);
    s.setMarker(SeriesMarkers.CIRCLE);
    s.setMarkerColor(color);
  }
}
