package kiln.keras.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kiln.api.KilnException;
import kiln.nn.InputLayer;
import kiln.nn.Layer;
import kiln.nn.Layers;
import kiln.nn.Model;
import kiln.nn.Network;
import kiln.nn.Sequential;
import kiln.nn.Tensor;
import kiln.util.json.Json;

/**
 * Keras' JSON model description (the {@code model_config} attribute of a .h5 file) as a Kiln
 * network built from Kiln's layers: {@code Sequential} (Keras 2.4's dict with {@code layers}, or
 * Keras 2.2's plain list) and functional models ({@code Functional} / {@code Model}, with
 * {@code inbound_nodes}). Every error names the file and the layer.
 */
public final class ModelConfig {
  private final String file;

  private ModelConfig(String file) {
    this.file = file;
  }

  /**
   * The network {@code json} describes.
   *
   * @param file names the file in error messages
   */
  public static Network parse(String json, String file) {
    Map<String, Object> root = Json.parseObject(json, file + ": model_config");
    return new ModelConfig(file).network(root);
  }

  private Network network(Map<String, Object> root) {
    Object cls = root.get("class_name");
    Object config = root.get("config");
    if ("Sequential".equals(cls)) {
      return sequential(config);
    }
    if ("Functional".equals(cls) || "Model".equals(cls)) {
      return functional(KerasObjects.object(config));
    }
    throw new KilnException(file + ": model_config describes a '" + cls + "'; Kiln imports Keras Sequential"
        + " and functional (Functional, Model) models");
  }

  private Network sequential(Object config) {
    String name = "sequential";
    List<?> layers;
    if (config instanceof List<?> l) {
      layers = l; // Keras 2.2
    } else {
      Map<String, Object> c = KerasObjects.object(config);
      name = c.get("name") instanceof String s ? s : name;
      layers = c.get("layers") instanceof List<?> l ? l : List.of();
    }
    if (layers.isEmpty()) {
      throw new KilnException(file + ": Sequential model " + name + " has no layers");
    }
    Sequential seq = new Sequential(name);
    int[] shape = null;
    for (Object o : layers) {
      Map<String, Object> entry = KerasObjects.object(o);
      String cls = String.valueOf(entry.get("class_name"));
      Map<String, Object> layerConfig = KerasObjects.object(entry.get("config"));
      String layerName = layerName(entry, layerConfig);
      Layer layer = layer(cls, layerName, layerConfig, shape == null ? List.of() : List.of(shape.length));
      try {
        seq.add(layer);
        shape = layer instanceof InputLayer in ? in.outputShape(List.of())
            : shape == null ? layer.outputShape(List.of(inputShape(layer))) : layer.outputShape(List.of(shape));
      } catch (KilnException e) {
        throw at(layerName, cls, e.getMessage(), e);
      }
    }
    return seq;
  }

  private static int[] inputShape(Layer first) {
    Object s = first.config().get("input_shape");
    return ((List<?>) s).stream().mapToInt(v -> ((Number) v).intValue()).toArray();
  }

  private Network functional(Map<String, Object> config) {
    String name = config.get("name") instanceof String s ? s : "model";
    Map<String, Tensor> outputs = new HashMap<>();
    List<?> layers = config.get("layers") instanceof List<?> l ? l : List.of();
    for (Object o : layers) {
      Map<String, Object> entry = KerasObjects.object(o);
      String cls = String.valueOf(entry.get("class_name"));
      Map<String, Object> layerConfig = KerasObjects.object(entry.get("config"));
      String layerName = layerName(entry, layerConfig);
      List<Tensor> inputs = inbound(entry, layerName, cls, outputs);
      List<Integer> ranks = inputs.stream().map(t -> t.shape().length).toList();
      Layer layer = layer(cls, layerName, layerConfig, ranks);
      try {
        outputs.put(layerName, layer instanceof InputLayer in ? in.output()
            : layer.apply(inputs.toArray(Tensor[]::new)));
      } catch (KilnException e) {
        throw at(layerName, cls, e.getMessage(), e);
      }
    }
    List<Tensor> ins = endpoints(config.get("input_layers"), outputs, "input_layers");
    List<Tensor> outs = endpoints(config.get("output_layers"), outputs, "output_layers");
    try {
      return new Model(name, ins, outs);
    } catch (KilnException e) {
      throw new KilnException(file + ": " + e.getMessage(), e);
    }
  }

  /** The tensors a functional layer reads: one call (no shared layers), each its source's only output. */
  private List<Tensor> inbound(Map<String, Object> entry, String layerName, String cls, Map<String, Tensor> outputs) {
    List<?> nodes = entry.get("inbound_nodes") instanceof List<?> l ? l : List.of();
    if ("InputLayer".equals(cls)) {
      return List.of();
    }
    if (nodes.size() != 1) {
      throw at(layerName, cls, nodes.isEmpty() ? "the layer is called nowhere (no inbound_nodes)"
          : "the layer is called " + nodes.size() + " times; shared layers are not supported", null);
    }
    List<Tensor> in = new ArrayList<>();
    for (Object ref : (List<?>) nodes.get(0)) {
      List<?> r = ref instanceof List<?> l ? l : List.of();
      if (r.size() < 3 || !(r.get(0) instanceof String src)) {
        throw at(layerName, cls, "unexpected inbound node " + ref + " (expected [layer, node, tensor, kwargs])", null);
      }
      if (((Number) r.get(1)).intValue() != 0 || ((Number) r.get(2)).intValue() != 0) {
        throw at(layerName, cls, "reads output " + r.get(2) + " of call " + r.get(1) + " of " + src
            + "; only single-output, single-call layers are supported", null);
      }
      if (r.size() > 3 && !KerasObjects.object(r.get(3)).isEmpty()) {
        throw at(layerName, cls, "is called with arguments " + r.get(3) + ", which Kiln does not support", null);
      }
      Tensor t = outputs.get(src);
      if (t == null) {
        throw at(layerName, cls, "reads layer '" + src + "', which is not defined before it", null);
      }
      in.add(t);
    }
    return in;
  }

  private List<Tensor> endpoints(Object v, Map<String, Tensor> outputs, String what) {
    List<?> list = v instanceof List<?> l ? l : List.of();
    if (!list.isEmpty() && list.get(0) instanceof String) {
      list = List.of(list); // one endpoint written flat: [name, 0, 0]
    }
    List<Tensor> out = new ArrayList<>();
    for (Object e : list) {
      Object n = e instanceof List<?> l && !l.isEmpty() ? l.get(0) : null;
      Tensor t = outputs.get(n);
      if (t == null) {
        throw new KilnException(file + ": " + what + " names layer '" + n + "', which the model does not have");
      }
      out.add(t);
    }
    if (out.isEmpty()) {
      throw new KilnException(file + ": the functional model has no " + what);
    }
    return out;
  }

  private Layer layer(String cls, String layerName, Map<String, Object> config, List<Integer> inputRanks) {
    if (!Layers.classNames().contains(cls)) {
      throw at(layerName, cls, "layer type " + cls + " is not supported; Kiln imports "
          + String.join(", ", Layers.classNames()), null);
    }
    try {
      return Layers.fromConfig(cls, LayerArgs.of(cls, layerName, config, inputRanks));
    } catch (IllegalArgumentException | KilnException e) {
      throw at(layerName, cls, e.getMessage(), e);
    }
  }

  private String layerName(Map<String, Object> entry, Map<String, Object> config) {
    Object n = config.get("name") != null ? config.get("name") : entry.get("name");
    if (!(n instanceof String s) || s.isEmpty()) {
      throw new KilnException(file + ": a layer of type " + entry.get("class_name") + " has no name");
    }
    return s;
  }

  private KilnException at(String layerName, String cls, String message, Exception cause) {
    return new KilnException(file + ": layer '" + layerName + "' (" + cls + "): " + message, cause);
  }
}
