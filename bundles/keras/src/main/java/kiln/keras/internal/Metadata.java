package kiln.keras.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kiln.util.json.Json;

/**
 * The model settings a Keras .h5 file carries besides its layers, under the names of MLTK's model
 * properties: {@code keras_version}, {@code backend}, and from {@code training_config} the
 * {@code loss}, the {@code metrics} (their names) and the {@code optimizer} (its Keras name in
 * lower case, with its arguments such as {@code learning_rate}, as Kiln's spec field takes it).
 */
public final class Metadata {
  private Metadata() {}

  public static Map<String, Object> of(Map<String, String> attributes, String file) {
    Map<String, Object> out = new LinkedHashMap<>();
    putIfPresent(out, "keras_version", attributes.get("keras_version"));
    putIfPresent(out, "backend", attributes.get("backend"));
    String training = attributes.get("training_config");
    if (training == null) {
      return out;
    }
    Map<String, Object> t = Json.parseObject(training, file + ": training_config");
    putIfPresent(out, "loss", t.get("loss"));
    List<String> metrics = new ArrayList<>();
    collectMetrics(t.get("metrics"), metrics);
    if (!metrics.isEmpty()) {
      out.put("metrics", List.copyOf(metrics));
    }
    Map<String, Object> opt = KerasObjects.object(t.get("optimizer_config"));
    if (opt.get("class_name") instanceof String c) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("name", c.toLowerCase(Locale.ROOT));
      for (Map.Entry<String, Object> e : KerasObjects.object(opt.get("config")).entrySet()) {
        if (!e.getKey().equals("name")) {
          o.put(e.getKey(), e.getValue());
        }
      }
      out.put("optimizer", o);
    }
    return out;
  }

  /** Keras writes metrics as names or as {"class_name": "MeanMetricWrapper", "config": {"name": ...}}, nested per output. */
  private static void collectMetrics(Object v, List<String> out) {
    if (v instanceof String s) {
      out.add(s);
    } else if (v instanceof List<?> l) {
      for (Object o : l) {
        collectMetrics(o, out);
      }
    } else if (v instanceof Map<?, ?> m) {
      Object name = KerasObjects.object(m.get("config")).get("name");
      if (name != null) {
        out.add(name.toString());
      }
    }
  }

  private static void putIfPresent(Map<String, Object> m, String key, Object v) {
    if (v != null) {
      m.put(key, v);
    }
  }
}
