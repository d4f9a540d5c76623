package kiln.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import kiln.api.KilnException;
import kiln.api.model.LayerGraph;
import kiln.api.model.LayerNode;

/** Recreates layers from their class name and config (the inverse of {@link Layer#config()}). */
public final class Layers {
  private static final Map<String, Function<Map<String, ?>, Layer>> FACTORIES = new LinkedHashMap<>();

  static {
    FACTORIES.put("InputLayer", InputLayer::new);
    FACTORIES.put("Conv1D", Conv1D::new);
    FACTORIES.put("Conv2D", Conv2D::new);
    FACTORIES.put("DepthwiseConv2D", DepthwiseConv2D::new);
    FACTORIES.put("SeparableConv2D", SeparableConv2D::new);
    FACTORIES.put("Conv2DTranspose", Conv2DTranspose::new);
    FACTORIES.put("Dense", Dense::new);
    FACTORIES.put("BatchNormalization", BatchNormalization::new);
    FACTORIES.put("LayerNormalization", LayerNormalization::new);
    FACTORIES.put("LastTimeStep", LastTimeStep::new);
    FACTORIES.put("LSTM", LSTM::new);
    FACTORIES.put("SubSpectralNormalization", SubSpectralNormalization::new);
    FACTORIES.put("Activation", Activation::new);
    FACTORIES.put("ReLU", ReLU::new);
    FACTORIES.put("LeakyReLU", LeakyReLU::new);
    FACTORIES.put("Dropout", Dropout::new);
    FACTORIES.put("SpatialDropout2D", SpatialDropout2D::new);
    FACTORIES.put("Flatten", Flatten::new);
    FACTORIES.put("Reshape", Reshape::new);
    FACTORIES.put("MaxPooling1D", MaxPooling1D::new);
    FACTORIES.put("AveragePooling1D", AveragePooling1D::new);
    FACTORIES.put("MaxPooling2D", MaxPooling2D::new);
    FACTORIES.put("AveragePooling2D", AveragePooling2D::new);
    FACTORIES.put("GlobalAveragePooling2D", GlobalAveragePooling2D::new);
    FACTORIES.put("ReduceMean", ReduceMean::new);
    FACTORIES.put("ZeroPadding2D", ZeroPadding2D::new);
    FACTORIES.put("UpSampling2D", UpSampling2D::new);
    FACTORIES.put("Add", Add::new);
    FACTORIES.put("Concatenate", Concatenate::new);
    FACTORIES.put("EuclideanDistance", EuclideanDistance::new);
  }

  private Layers() {}

  /** Every layer class name, in the order of the docs. */
  public static List<String> classNames() {
    return List.copyOf(FACTORIES.keySet());
  }

  /** A layer of this Keras class with this config. */
  public static Layer fromConfig(String className, Map<String, ?> config) {
    Function<Map<String, ?>, Layer> f = FACTORIES.get(className);
    if (f == null) {
      throw new KilnException("unknown layer class '" + className + "'; expected one of "
          + String.join(", ", new TreeSet<>(FACTORIES.keySet())));
    }
    return f.apply(config);
  }

  /** The layer a graph node describes, named like the node. */
  public static Layer fromNode(LayerNode node) {
    Layer l = fromConfig(node.type(), node.config());
    l.set("name", node.name());
    return l;
  }

  /** The output shapes of the layers a node reads, from the graph. */
  public static List<int[]> inputShapes(LayerGraph graph, LayerNode node) {
    List<int[]> shapes = new ArrayList<>();
    for (String in : node.inputs()) {
      LayerNode src = graph.layer(in);
      if (src == null) {
        throw new KilnException("layer graph " + graph.name() + ": layer " + node.name()
            + " reads '" + in + "', which is not in the graph");
      }
      shapes.add(src.outputShape());
    }
    return shapes;
  }
}
