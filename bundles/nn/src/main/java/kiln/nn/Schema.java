package kiln.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.api.KilnException;

/**
 * The arguments one layer class accepts, in Keras order, with Keras defaults. A default of null means
 * "None": the key is left out of the config.
 */
final class Schema {
  private record Param(String key, Object dflt, Arg arg, boolean required) {}

  private final String className;
  private final LinkedHashMap<String, Param> params = new LinkedHashMap<>();

  Schema(String className) {
    this.className = className;
    // every Keras layer accepts input_shape (used on the first layer of a Sequential)
    params.put("input_shape", new Param("input_shape", null, Arg.shape(false), false));
  }

  Schema required(String key, Arg arg) {
    params.put(key, new Param(key, null, arg, true));
    return this;
  }

  Schema add(String key, Object dflt, Arg arg) {
    params.put(key, new Param(key, dflt == null ? null : arg.coerce(dflt), arg, false));
    return this;
  }

  String className() {
    return className;
  }

  List<String> keys() {
    List<String> k = new ArrayList<>(params.keySet());
    k.add("name");
    return k;
  }

  /** Fills defaults, then applies the user's arguments; names the layer class and argument on error. */
  void init(LinkedHashMap<String, Object> config, Map<String, ?> kwargs) {
    for (Param p : params.values()) {
      if (p.dflt != null) {
        config.put(p.key, p.dflt);
      }
    }
    for (Map.Entry<String, ?> e : kwargs.entrySet()) {
      set(config, e.getKey(), e.getValue());
    }
    for (Param p : params.values()) {
      if (p.required && !config.containsKey(p.key)) {
        throw new KilnException(className + ": missing required argument '" + p.key + "'");
      }
    }
  }

  void set(LinkedHashMap<String, Object> config, String key, Object value) {
    Param p = params.get(key);
    if (p == null) {
      throw new KilnException(
          className + ": unknown argument '" + key + "'; expected one of " + String.join(", ", keys()));
    }
    if (value == null) {
      if (p.required) {
        throw new KilnException(className + ": argument '" + key + "' is required, got null");
      }
      config.remove(key);
      return;
    }
    try {
      config.put(key, p.arg.coerce(value));
    } catch (IllegalArgumentException e) {
      throw new KilnException(className + ": argument '" + key + "' " + e.getMessage());
    }
  }
}
