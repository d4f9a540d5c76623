package kiln.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kiln.api.KilnException;
import kiln.api.model.LayerGraph;
import kiln.api.model.LayerNode;
import kiln.api.model.WeightSpec;

/** A model built from layers: {@link Sequential} or the functional {@link Model}. */
public abstract class Network {
  private final String name;

  protected Network(String name) {
    if (name == null || name.isBlank()) {
      throw new KilnException("model name must not be empty");
    }
    this.name = name;
  }

  public final String name() {
    return name;
  }

  /** The plain-data layer graph (topological order, every layer named) that trainers and quantizers read. */
  public abstract LayerGraph toGraph();

  /** The Keras-style summary: layers, output shapes, parameters, MACs. */
  public String summary() {
    return ModelSummary.of(toGraph()).format();
  }

  /**
   * Names layers the way Keras does (snake_case of the class, then _1, _2, ...), keeping explicit
   * names, and rejects duplicates.
   */
  static final class Namer {
    private final Map<String, Integer> counts = new HashMap<>();
    private final Set<String> used = new HashSet<>();
    private final Map<Layer, String> names = new HashMap<>();
    /** Names given to reuses of shared layers. */
    private final Set<String> applications = new HashSet<>();

    String nameOf(Layer layer) {
      String n = names.get(layer);
      if (n != null) {
        return n;
      }
      if (layer.name() != null) {
        n = layer.name();
        if (!used.add(n)) {
          throw new KilnException("two layers are named '" + n + "'; layer names must be unique");
        }
      } else {
        String base = "InputLayer".equals(layer.className()) ? "input" : snake(layer.className());
        do {
          int c = counts.merge(base, 1, Integer::sum);
          n = "input".equals(base) ? "input_" + c : c == 1 ? base : base + "_" + (c - 1);
        } while (!used.add(n));
      }
      names.put(layer, n);
      return n;
    }

    /** The node name of one application: the layer's name, then {@code name.k} for its k-th reuse. */
    String nameOf(Tensor t) {
      String base = nameOf(t.layer());
      if (t.application() == 0) {
        return base;
      }
      String n = base + "." + t.application();
      // the first time this reuse is named, its name must be free
      if (applications.add(n) && !used.add(n)) {
        throw new KilnException("two layers are named '" + n + "'; layer names must be unique");
      }
      return n;
    }

    static String snake(String className) {
      // Conv2D -> conv2d, BatchNormalization -> batch_normalization, ReLU -> re_lu (as Keras)
      String s = className.replaceAll("(.)([A-Z][a-z]+)", "$1_$2").replaceAll("([a-z])([A-Z])", "$1_$2");
      return s.toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A graph node carrying the layer's weight variables, named {@code name/kernel}. */
  static LayerNode node(String name, Layer layer, List<String> inputs, List<int[]> inShapes, int[] shape) {
    return node(name, name, layer, inputs, inShapes, shape);
  }

  /** A node whose variables are named after {@code owner} (a shared layer's first node). */
  static LayerNode node(String name, String owner, Layer layer, List<String> inputs, List<int[]> inShapes,
      int[] shape) {
    List<WeightSpec> weights = new ArrayList<>();
    for (WeightSpec w : layer.weights(inShapes)) {
      weights.add(w.prefixed(owner));
    }
    return new LayerNode(name, layer.className(), layer.config(), inputs, shape, weights);
  }

  static String shape(int[] s) {
    return Arrays.toString(s);
  }

  static List<String> names(List<LayerNode> nodes) {
    List<String> out = new ArrayList<>();
    for (LayerNode n : nodes) {
      out.add(n.name());
    }
    return out;
  }
}
