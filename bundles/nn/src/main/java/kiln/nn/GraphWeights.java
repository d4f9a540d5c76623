package kiln.nn;

import java.util.ArrayList;
import java.util.List;
import kiln.api.model.LayerGraph;
import kiln.api.model.LayerNode;
import kiln.api.model.WeightSpec;

/**
 * The weights of a whole layer graph, named {@code layer/kernel}, in graph then Keras order, computed
 * from each layer's arguments and input shapes (graphs built by {@link Network} also carry them in
 * {@link LayerNode#weights()}; this recomputes them for graphs from elsewhere).
 */
public final class GraphWeights {
  private GraphWeights() {}

  /** Every weight variable of the graph, once (the nodes of a shared layer hold the same ones). */
  public static List<WeightSpec> of(LayerGraph graph) {
    java.util.LinkedHashMap<String, WeightSpec> out = new java.util.LinkedHashMap<>();
    for (LayerNode node : graph.layers()) {
      for (WeightSpec w : of(graph, node)) {
        out.putIfAbsent(w.name(), w);
      }
    }
    return new ArrayList<>(out.values());
  }

  /**
   * The weight variables of one node, with full names: {@code node/kernel}, or the names the node
   * carries when it is a reuse of a shared layer ({@code first/kernel}).
   */
  public static List<WeightSpec> of(LayerGraph graph, LayerNode node) {
    String owner = node.name();
    if (!node.weights().isEmpty()) {
      String carried = node.weights().get(0).name();
      owner = carried.substring(0, carried.lastIndexOf('/'));
    }
    List<WeightSpec> out = new ArrayList<>();
    for (WeightSpec w : Layers.fromNode(node).weights(Layers.inputShapes(graph, node))) {
      out.add(w.prefixed(owner));
    }
    return out;
  }
}
