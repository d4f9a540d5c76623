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

  /** Every weight variable of the graph. */
  public static List<WeightSpec> of(LayerGraph graph) {
    List<WeightSpec> out = new ArrayList<>();
    for (LayerNode node : graph.layers()) {
      out.addAll(of(graph, node));
    }
    return out;
  }

  /** The weight variables of one node, with full names. */
  public static List<WeightSpec> of(LayerGraph graph, LayerNode node) {
    List<WeightSpec> out = new ArrayList<>();
    for (WeightSpec w : Layers.fromNode(node).weights(Layers.inputShapes(graph, node))) {
      out.add(w.prefixed(node.name()));
    }
    return out;
  }
}
