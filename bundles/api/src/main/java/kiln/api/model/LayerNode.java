package kiln.api.model;

import java.util.List;
import java.util.Map;

/**
 * One layer of a model's layer graph, as plain data: its Keras class name (e.g. {@code Conv2D}), its
 * Keras configuration (argument names as Keras spells them), the names of the layers feeding it and
 * its output shape without the batch dimension.
 *
 * @param name the unique layer name
 * @param type the Keras layer class name
 * @param config the layer arguments
 * @param inputs names of the layers whose outputs feed this one, in order
 * @param outputShape output shape without the batch dimension
 * @param weights the layer's weight variables with full names ({@code layer/kernel}), in Keras order
 */
public record LayerNode(
    String name, String type, Map<String, Object> config, List<String> inputs, int[] outputShape,
    List<WeightSpec> weights) {
  public LayerNode {
    config = Map.copyOf(config);
    inputs = List.copyOf(inputs);
    outputShape = outputShape.clone();
    weights = weights == null ? List.of() : List.copyOf(weights);
  }

  @Override
  public int[] outputShape() {
    return outputShape.clone();
  }
}
