package kiln.nn;

import java.util.ArrayList;
import java.util.List;
import kiln.api.KilnException;
import kiln.api.model.LayerGraph;
import kiln.api.model.LayerNode;

/**
 * A stack of layers, each reading the previous one. The first layer is an {@link InputLayer} or has
 * {@code input_shape} set; shapes are checked as layers are added, so an error points at the add.
 */
public final class Sequential extends Network {
  private final List<Layer> layers = new ArrayList<>();
  private int[] lastShape;

  public Sequential(String name) {
    super(name);
  }

  public Sequential add(Layer layer) {
    if (layer == null) {
      throw new KilnException("Sequential " + name() + ": add(null)");
    }
    if (layers.contains(layer)) {
      throw new KilnException("Sequential " + name() + ": the same " + layer.className() + " was added twice");
    }
    if (layer instanceof InputLayer in) {
      if (!layers.isEmpty()) {
        throw new KilnException("Sequential " + name() + ": an InputLayer may only be the first layer");
      }
      lastShape = in.outputShape(List.of());
    } else {
      if (layers.isEmpty()) {
        if (layer.config().get("input_shape") == null) {
          throw new KilnException("Sequential " + name() + ": the first layer (" + layer.className()
              + ") needs input_shape, or add an InputLayer first");
        }
        lastShape = new InputLayer(layer.getInts("input_shape")).outputShape(List.of());
      }
      lastShape = layer.outputShape(List.of(lastShape));
    }
    layers.add(layer);
    return this;
  }

  public List<Layer> layers() {
    return List.copyOf(layers);
  }

  @Override
  public LayerGraph toGraph() {
    if (layers.isEmpty()) {
      throw new KilnException("Sequential " + name() + " has no layers");
    }
    Namer namer = new Namer();
    List<LayerNode> nodes = new ArrayList<>();
    Layer first = layers.get(0);
    int[] shape;
    String prev;
    if (first instanceof InputLayer in) {
      prev = namer.nameOf(in);
      shape = in.outputShape(List.of());
      nodes.add(node(prev, in, List.of(), List.of(), shape));
    } else {
      InputLayer in = new InputLayer(first.getInts("input_shape"));
      prev = namer.nameOf(in);
      shape = in.outputShape(List.of());
      nodes.add(node(prev, in, List.of(), List.of(), shape));
    }
    String input = prev;
    for (Layer l : layers) {
      if (l instanceof InputLayer) {
        continue;
      }
      String n = namer.nameOf(l);
      int[] inShape = shape;
      shape = l.outputShape(List.of(shape));
      nodes.add(node(n, l, List.of(prev), List.of(inShape), shape));
      prev = n;
    }
    return new LayerGraph(name(), nodes, List.of(input), List.of(prev));
  }
}
