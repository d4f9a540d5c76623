package kiln.evaluate.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Builds XChart charts with Kiln's look and turns them into PNG bytes, without a display (AWT runs
 * headless: {@code java.awt.headless=true} is set before the first chart unless already chosen).
 */
final class Charts {
  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private Charts() {}

  /** An empty line chart with a white background and grid lines. */
  public static XYChart lineChart(String title, String xTitle, String yTitle, int width, int height) {
    XYChart chart =
        new XYChartBuilder()
            .width(width)
            .height(height)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    Styler s = chart.getStyler();
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderVisible(true);
    s.setAntiAlias(true);
    s.setLegendBorderColor(Color.LIGHT_GRAY);
    chart.getStyler().setPlotGridLinesVisible(true);
    chart.getStyler().setPlotGridLinesColor(new Color(0xdddddd));
    return chart;
  }

  /**
   * Adds a line (no markers). Points with a non-finite coordinate are left out; a series left with
   * no point is not added.
   *
   * @return the series, or null when it had no finite point
   */
  public static XYSeries addLine(XYChart chart, String name, double[] x, double[] y) {
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
        xs.add(x[i]);
        ys.add(y[i]);
      }
    }
    if (xs.isEmpty()) {
      return null;
    }
    XYSeries s = chart.addSeries(uniqueName(chart, name), xs, ys);
    s.setMarker(SeriesMarkers.NONE);
    return s;
  }

  /** Fixes both axes' ranges. */
  public static void range(XYChart chart, double xMin, double xMax, double yMin, double yMax) {
    chart.getStyler().setXAxisMin(xMin);
    chart.getStyler().setXAxisMax(xMax);
    chart.getStyler().setYAxisMin(yMin);
    chart.getStyler().setYAxisMax(yMax);
  }

  /**
   * A heat map of a matrix, row 0 at the top, each cell labelled with its value (a confusion
   * matrix: rows actual, columns predicted).
   */
  public static HeatMapChart matrixChart(
      String title, List<String> columns, List<String> rows, long[][] values, String xTitle,
      String yTitle, int size) {
    HeatMapChart chart =
        new HeatMapChartBuilder()
            .width(size)
            .height(size)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setShowValue(true);
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setXAxisLabelRotation(45);
    chart.getStyler().setRangeColors(
        new Color[] {new Color(0x440154), new Color(0x21918c), new Color(0xfde725)});
    List<Number[]> cells = new ArrayList<>();
    int n = rows.size();
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < columns.size(); c++) {
        // XChart puts y index 0 at the bottom; matrices read top-down.
        cells.add(new Number[] {c, n - 1 - r, values[r][c]});
      }
    }
    List<String> yLabels = new ArrayList<>(rows);
    java.util.Collections.reverse(yLabels);
    chart.addSeries("counts", columns, yLabels, cells);
    return chart;
  }

  /** The chart as PNG bytes. */
  public static byte[] png(Chart<?, ?> chart) {
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Charts drawn one below the other into one PNG (as subplots), at the widest chart's width. */
  public static byte[] pngStacked(List<? extends Chart<?, ?>> charts) {
    List<BufferedImage> images = new ArrayList<>();
    int width = 0;
    int height = 0;
    for (Chart<?, ?> c : charts) {
      BufferedImage img = BitmapEncoder.getBufferedImage(c);
      images.add(img);
      width = Math.max(width, img.getWidth());
      height += img.getHeight();
    }
    BufferedImage all = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = all.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      int y = 0;
      for (BufferedImage img : images) {
        g.drawImage(img, 0, y, null);
        y += img.getHeight();
      }
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(all, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String uniqueName(XYChart chart, String name) {
    String n = name;
    int i = 2;
    while (chart.getSeriesMap().containsKey(n)) {
      n = name + " (" + i++ + ")";
    }
    return n;
  }
}
