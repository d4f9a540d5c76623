package kiln.keras.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kiln.util.init.Initializer;

/**
 * One Keras layer config as the keyword arguments of Kiln's layer of the same class: Keras'
 * argument names pass through (Kiln's layers validate them), serialized initializers and
 * regularizers become Kiln's values, axes that count Keras' batch dimension are made relative to
 * the last axis, and the arguments that only describe how Keras runs (trainable, dtype,
 * data_format channels_last, groups 1, constraints and activity regularizers left unset) are
 * checked and dropped. A problem is an {@link IllegalArgumentException} the caller names the
 * file and layer in.
 */
final class LayerArgs {
  /** Keras arguments whose None/null is their default and that Kiln has no counterpart for. */
  private static final Set<String> NULL_ONLY = Set.of("activity_regularizer", "noise_shape",
      "kernel_constraint", "bias_constraint", "depthwise_constraint", "pointwise_constraint",
      "beta_constraint", "gamma_constraint", "virtual_batch_size", "adjustment");

  private LayerArgs() {}

  /**
   * Kiln's kwargs for a layer of {@code className} reading inputs of these ranks (without the batch
   * dimension); {@code name} included.
   */
  static Map<String, Object> of(String className, String name, Map<String, Object> config, List<Integer> inputRanks) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", name);
    for (Map.Entry<String, Object> e : config.entrySet()) {
      String key = e.getKey();
      Object v = e.getValue();
      switch (key) {
        case "name", "trainable", "batch_size", "sparse", "ragged" -> checkPlain(key, v);
        case "dtype" -> {
          if (v != null) {
            KerasObjects.requireFloat32(v);
          }
        }
        case "data_format" -> require(key, v, "channels_last");
        case "groups" -> require(key, v, 1L);
        case "renorm", "synchronized" -> require(key, v, Boolean.FALSE);
        // whether TensorFlow uses its fused kernel: the same arithmetic either way
        case "fused" -> { }
        case "batch_input_shape" -> out.put("input_shape", shapeWithoutBatch(v));
        case "axis" -> out.put(key, axis(v, inputRanks));
        default -> {
          if (key.endsWith("_initializer")) {
            out.put(key, KerasObjects.initializer(v, Initializer.NAMES));
          } else if (key.endsWith("_regularizer") && !key.equals("activity_regularizer")) {
            out.put(key, v == null ? null : KerasObjects.regularizer(v));
          } else if (NULL_ONLY.contains(key)) {
            // None is Keras' default and what Kiln does; anything else Kiln cannot do
            require(key, v, "None");
          } else if (v == null && key.equals("filters") && className.equals("DepthwiseConv2D")) {
            continue; // Keras 2.4 leaves a null 'filters' in DepthwiseConv2D configs
          } else {
            out.put(key, v);
          }
        }
      }
    }
    if ("InputLayer".equals(className) && !out.containsKey("input_shape")) {
      throw new IllegalArgumentException("InputLayer without batch_input_shape");
    }
    return out;
  }

  private static void checkPlain(String key, Object v) {
    if (("sparse".equals(key) || "ragged".equals(key)) && Boolean.TRUE.equals(v)) {
      throw new IllegalArgumentException(key + " inputs are not supported");
    }
  }

  /** {@code v} is null or {@code expected} ("None" allows null only). */
  private static void require(String key, Object v, Object expected) {
    if (v != null && !expected.equals(v)) {
      throw new IllegalArgumentException("argument '" + key + "' = " + v + " is not supported; expected "
          + expected);
    }
  }

  /** Keras' [None, 49, 40, 1] as Kiln's input_shape [49, 40, 1]; variable sizes are refused. */
  static List<Object> shapeWithoutBatch(Object v) {
    if (!(v instanceof List<?> l) || l.size() < 2) {
      throw new IllegalArgumentException("batch_input_shape: expected [None, d1, ...], got " + v);
    }
    List<Object> out = new ArrayList<>(l.subList(1, l.size()));
    if (out.contains(null)) {
      throw new IllegalArgumentException("batch_input_shape " + v + ": dimensions of variable size (None) are"
          + " not supported; Kiln models have fixed input shapes");
    }
    return out;
  }

  /**
   * A Keras axis (counting the batch dimension, or negative; BatchNormalization stores a list of
   * one) as Kiln's negative axis over the shape without batch.
   */
  private static Object axis(Object v, List<Integer> inputRanks) {
    Object a = v instanceof List<?> l && l.size() == 1 ? l.get(0) : v;
    if (!(a instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      throw new IllegalArgumentException("argument 'axis' = " + v + ": expected one axis");
    }
    long axis = n.longValue();
    if (axis < 0) {
      return axis;
    }
    if (axis == 0 || inputRanks.isEmpty()) {
      throw new IllegalArgumentException("argument 'axis' = " + v + ": the batch axis cannot be normalized or"
          + " joined");
    }
    return axis - 1 - inputRanks.get(0);
  }
}
