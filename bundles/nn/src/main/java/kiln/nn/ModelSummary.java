package kiln.nn;

import kiln.api.model.WeightSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import kiln.api.model.LayerGraph;
import kiln.api.model.LayerNode;

/**
 * Parameter and MAC counts of a layer graph and the Keras-style table that prints them. MACs count
 * multiply-accumulates by weights (conv, depthwise, separable, transpose, dense); BatchNormalization
 * counts none because it is folded into the previous layer when quantized.
 */
public final class ModelSummary {
  /** One row: a layer and its counts. */
  public record Row(String name, String type, int[] outputShape, long params, long trainableParams, long macs) {}

  private final LayerGraph graph;
  private final List<Row> rows;

  private ModelSummary(LayerGraph graph, List<Row> rows) {
    this.graph = graph;
    this.rows = List.copyOf(rows);
  }

  public static ModelSummary of(LayerGraph graph) {
    List<Row> rows = new ArrayList<>();
    java.util.Set<String> counted = new java.util.HashSet<>();
    for (LayerNode node : graph.layers()) {
      Layer layer = Layers.fromNode(node);
      List<int[]> in = Layers.inputShapes(graph, node);
      long params = 0;
      long trainable = 0;
      // a shared layer's variables count once, on its first node (as Keras counts a shared layer)
      for (WeightSpec w : GraphWeights.of(graph, node)) {
        if (counted.add(w.name())) {
          params += w.size();
          trainable += w.trainable() ? w.size() : 0;
        }
      }
      rows.add(new Row(node.name(), node.type(), node.outputShape(), params, trainable,
          layer.macs(in, node.outputShape())));
    }
    return new ModelSummary(graph, rows);
  }

  public List<Row> rows() {
    return rows;
  }

  public long totalParams() {
    return rows.stream().mapToLong(Row::params).sum();
  }

  public long trainableParams() {
    return rows.stream().mapToLong(Row::trainableParams).sum();
  }

  public long totalMacs() {
    return rows.stream().mapToLong(Row::macs).sum();
  }

  /** The table and totals, e.g. {@code Total MACs: 336,000}. */
  public String format() {
    List<String[]> cells = new ArrayList<>();
    cells.add(new String[] {"Layer (type)", "Output Shape", "Param #", "MACs", "Connected to"});
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      LayerNode node = graph.layers().get(i);
      cells.add(new String[] {
        r.name() + " (" + r.type() + ")",
        "(None, " + Arrays.stream(r.outputShape()).mapToObj(String::valueOf).collect(Collectors.joining(", ")) + ")",
        count(r.params()),
        count(r.macs()),
        String.join(", ", node.inputs())
      });
    }
    int[] width = new int[5];
    for (String[] row : cells) {
      for (int c = 0; c < row.length; c++) {
        width[c] = Math.max(width[c], row[c].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    sb.append("Model: \"").append(graph.name()).append("\"\n");
    String rule = "-".repeat(Arrays.stream(width).sum() + 2 * (width.length - 1)) + "\n";
    sb.append(rule);
    for (int i = 0; i < cells.size(); i++) {
      String[] row = cells.get(i);
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.length; c++) {
        line.append(c == 2 || c == 3 ? pad(row[c], width[c], true) : pad(row[c], width[c], false));
        if (c < row.length - 1) {
          line.append("  ");
        }
      }
      sb.append(line.toString().stripTrailing()).append('\n');
      sb.append(i == 0 ? rule.replace('-', '=') : "");
    }
    sb.append(rule);
    sb.append("Total params: ").append(count(totalParams())).append('\n');
    sb.append("Trainable params: ").append(count(trainableParams())).append('\n');
    sb.append("Non-trainable params: ").append(count(totalParams() - trainableParams())).append('\n');
    sb.append("Total MACs: ").append(count(totalMacs())).append('\n');
    return sb.toString();
  }

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static String pad(String s, int w, boolean right) {
    String fill = " ".repeat(w - s.length());
    return right ? fill + s : s + fill;
  }
}
