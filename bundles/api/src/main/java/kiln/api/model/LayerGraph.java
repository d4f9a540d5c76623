package kiln.api.model;

import java.util.List;

/**
 * A model's layers in topological order (inputs first), with the names of its input and output
 * layers. This is what a trainer lowers and a quantizer converts.
 *
 * @param name the model name
 * @param layers the layers, each after the layers it reads
 * @param inputs the names of the input layers
 * @param outputs the names of the output layers
 */
public record LayerGraph(String name, List<LayerNode> layers, List<String> inputs, List<String> outputs) {
  public LayerGraph {
    layers = List.copyOf(layers);
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  /** The layer called {@code name}, or null. */
  public LayerNode layer(String layerName) {
    for (LayerNode n : layers) {
      if (n.name().equals(layerName)) {
        return n;
      }
    }
    return null;
  }

  /**
   * Every weight variable of the graph, layer by layer, each once: the nodes of a shared layer (one
   * layer applied to several inputs) carry the same variables.
   */
  public List<WeightSpec> weights() {
    java.util.Map<String, WeightSpec> out = new java.util.LinkedHashMap<>();
    for (LayerNode n : layers) {
      for (WeightSpec w : n.weights()) {
        out.putIfAbsent(w.name(), w);
      }
    }
    return new java.util.ArrayList<>(out.values());
  }
}
