package kiln.keras.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Keras' serialized objects inside a layer config ({@code {"class_name": "GlorotUniform",
 * "config": {...}}}) as the plain values Kiln's layers take: initializer names and regularizer
 * maps. A value Kiln cannot represent is an {@link IllegalArgumentException} saying what was found
 * and what is supported; the caller names the file and layer.
 */
final class KerasObjects {
  /** Initializers whose arguments are Keras' defaults unless listed here (Kiln knows only those). */
  private static final Map<String, Map<String, Double>> INITIALIZER_DEFAULTS = Map.of(
      "random_normal", Map.of("mean", 0.0, "stddev", 0.05),
      "random_uniform", Map.of("minval", -0.05, "maxval", 0.05),
      "truncated_normal", Map.of("mean", 0.0, "stddev", 0.05));

  private KerasObjects() {}

  /**
   * An initializer as Kiln's name: a string (Keras 2.2) or {@code {"class_name": "HeNormal", ...}}
   * with no arguments but {@code seed} (and Keras' defaults of the random ones).
   */
  static String initializer(Object v, List<String> known) {
    String name;
    Map<String, Object> config = Map.of();
    if (v instanceof String s) {
      name = snake(s);
    } else if (v instanceof Map<?, ?> m && m.get("class_name") instanceof String c) {
      name = snake(c);
      config = object(m.get("config"));
    } else {
      throw new IllegalArgumentException("expected an initializer, got " + v);
    }
    if (!known.contains(name)) {
      throw new IllegalArgumentException("initializer " + describe(v) + " is not supported; Kiln knows "
          + String.join(", ", known));
    }
    Map<String, Double> defaults = INITIALIZER_DEFAULTS.getOrDefault(name, Map.of());
    for (Map.Entry<String, Object> e : config.entrySet()) {
      // the seed only matters for drawing fresh weights; an imported model brings its own
      if (e.getKey().equals("seed")) {
        continue;
      }
      Double d = defaults.get(e.getKey());
      if (d == null || !(e.getValue() instanceof Number n) || Math.abs(n.doubleValue() - d) > 1e-9) {
        throw new IllegalArgumentException("initializer " + describe(v) + ": argument " + e.getKey() + "="
            + e.getValue() + " is not supported (Kiln's initializers take Keras' defaults)");
      }
    }
    return name;
  }

  /** A regularizer ({@code {"class_name": "L2", "config": {"l2": 1e-4}}}, L1, L1L2) as Kiln's map. */
  static Map<String, Double> regularizer(Object v) {
    if (!(v instanceof Map<?, ?> m) || !(m.get("class_name") instanceof String c)) {
      throw new IllegalArgumentException("expected a regularizer, got " + v);
    }
    String kind = c.toLowerCase(Locale.ROOT);
    if (!List.of("l1", "l2", "l1l2", "l1_l2").contains(kind)) {
      throw new IllegalArgumentException("regularizer " + c + " is not supported; Kiln knows L1, L2 and L1L2");
    }
    Map<String, Double> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : object(m.get("config")).entrySet()) {
      if (!(e.getKey().equals("l1") || e.getKey().equals("l2")) || !(e.getValue() instanceof Number n)) {
        throw new IllegalArgumentException("regularizer " + c + ": unexpected argument " + e.getKey() + "="
            + e.getValue());
      }
      if (n.doubleValue() != 0) {
        out.put(e.getKey(), n.doubleValue());
      }
    }
    return out.isEmpty() ? null : out;
  }

  /** A layer's dtype: only float32 models (a string, or Keras 2.4's {@code Policy} object). */
  static void requireFloat32(Object v) {
    Object name = v instanceof Map<?, ?> m ? object(m.get("config")).get("name") : v;
    if (!"float32".equals(name)) {
      throw new IllegalArgumentException("dtype " + describe(v) + " is not supported; Kiln imports float32 models");
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object v) {
    return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  /** GlorotUniform -> glorot_uniform, HeNormal -> he_normal (Keras' own identifiers). */
  static String snake(String className) {
    return className.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  private static String describe(Object v) {
    return v instanceof Map<?, ?> m && m.get("class_name") != null ? m.get("class_name").toString() : String.valueOf(v);
  }
}
