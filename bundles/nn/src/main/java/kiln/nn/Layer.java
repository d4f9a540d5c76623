package kiln.nn;

import kiln.api.model.WeightSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.api.KilnException;

/**
 * A Keras-like layer: Keras class name, Keras arguments with Keras defaults (validated when set),
 * output shape and weight shapes computed from input shapes without running anything. Shapes never
 * include the batch dimension.
 */
public abstract class Layer {
  private final Schema schema;
  private final LinkedHashMap<String, Object> config = new LinkedHashMap<>();
  private String name;
  /** The tensors of each application, in order; more than one makes a shared layer. */
  private final List<Tensor> outputs = new ArrayList<>();

  protected Layer(String className, Map<String, ?> kwargs) {
    this.schema = schema(className);
    Map<String, Object> args = new LinkedHashMap<>(kwargs);
    Object n = args.remove("name");
    if (n != null) {
      setName(n);
    }
    schema.init(config, args);
  }

  /** The Keras class name, e.g. {@code Conv2D}. */
  public final String className() {
    return schema.className();
  }

  /** The explicit layer name, or null when the model assigns one (conv2d, conv2d_1, ...). */
  public final String name() {
    return name;
  }

  /**
   * Sets a Keras argument by its Keras name ({@code set("strides", 2)}); {@code name} sets the layer
   * name; null means None.
   *
   * @throws KilnException for an unknown argument or a bad value, naming both and what was expected
   */
  public Layer set(String key, Object value) {
    if ("name".equals(key)) {
      setName(value);
    } else {
      schema.set(config, key, value);
    }
    return this;
  }

  /** The Keras configuration: every argument (defaults included), None values left out, no name. */
  public Map<String, Object> config() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(config));
  }

  /** The argument names this layer accepts. */
  public final List<String> argumentNames() {
    return schema.keys();
  }

  /**
   * The output shape for these input shapes.
   *
   * @throws KilnException naming the layer when the inputs do not fit
   */
  public abstract int[] outputShape(List<int[]> inputShapes);

  /** The weights this layer creates for these input shapes (Keras names and layouts), in Keras order. */
  public List<WeightSpec> weights(List<int[]> inputShapes) {
    return List.of();
  }

  /** Multiply-accumulates of one inference (0 for layers without multiplications by weights). */
  public long macs(List<int[]> inputShapes, int[] outputShape) {
    return 0;
  }

  /**
   * Applies this layer to symbolic tensors (functional API). Applying one layer again shares it, as
   * in Keras: every application uses the same weights (a Siamese network's towers), so the inputs
   * must give the same weight shapes.
   *
   * @throws KilnException when a shared layer's new inputs would need other weight shapes
   */
  public Tensor apply(Tensor... inputs) {
    if (inputs.length == 0) {
      throw new KilnException(describe() + ": apply() needs at least one input tensor");
    }
    List<Tensor> in = List.of(inputs);
    List<int[]> shapes = in.stream().map(Tensor::shape).toList();
    int[] shape = outputShape(shapes);
    if (!outputs.isEmpty()) {
      List<WeightSpec> first = weights(outputs.get(0).inputs().stream().map(Tensor::shape).toList());
      if (!first.equals(weights(shapes))) {
        throw error("a shared layer's weights must fit every input; first applied with weights " + first
            + ", now inputs " + shapes.stream().map(Arrays::toString).toList() + " would need " + weights(shapes));
      }
    }
    Tensor t = new Tensor(this, in, shape, outputs.size());
    outputs.add(t);
    return t;
  }

  // ---- helpers for subclasses

  protected final Object get(String key) {
    return config.get(key);
  }

  protected final int getInt(String key) {
    return (Integer) config.get(key);
  }

  protected final double getDouble(String key) {
    return (Double) config.get(key);
  }

  protected final boolean getBool(String key) {
    return (Boolean) config.get(key);
  }

  protected final String getString(String key) {
    return (String) config.get(key);
  }

  @SuppressWarnings("unchecked")
  protected final int[] getInts(String key) {
    return ((List<Integer>) config.get(key)).stream().mapToInt(Integer::intValue).toArray();
  }

  @SuppressWarnings("unchecked")
  protected final Map<String, Double> getMap(String key) {
    return (Map<String, Double>) config.get(key);
  }

  protected final String describe() {
    return (name == null ? "" : name + " ") + "(" + className() + ")";
  }

  protected final KilnException error(String message) {
    return new KilnException(describe() + ": " + message);
  }

  /** The one input shape, of the given rank; says what the rank means when it differs. */
  protected final int[] single(List<int[]> in, int rank, String meaning) {
    if (in.size() != 1) {
      throw error("expected 1 input, got " + in.size());
    }
    int[] s = in.get(0);
    if (rank > 0 && s.length != rank) {
      throw error("expected an input of rank " + rank + " " + meaning + ", got " + Arrays.toString(s));
    }
    return s;
  }

  protected static long product(int[] shape) {
    long p = 1;
    for (int d : shape) {
      p *= d;
    }
    return p;
  }

  private void setName(Object n) {
    if (!(n instanceof String s) || !s.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
      throw new KilnException(
          className() + ": argument 'name' expected letters, digits, '_', '.', '-', got " + Arg.show(n));
    }
    name = s;
  }

  private static Schema schema(String className) {
    Schema s = Schemas.ALL.get(className);
    if (s == null) {
      throw new KilnException("unknown layer class '" + className + "'");
    }
    return s;
  }
}
