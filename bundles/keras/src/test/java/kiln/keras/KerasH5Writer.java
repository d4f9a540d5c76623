package kiln.keras;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small .h5 files laid out as Keras 2 saves a whole model (root attributes
 * {@code model_config}, {@code keras_version}, {@code backend}; {@code model_weights/LAYER/LAYER/NAME:0}
 * with {@code layer_names} and {@code weight_names}), through jhdf's writer, for import tests.
 */
final class KerasH5Writer {
  /** Adds a test's weights. */
  interface Weights {
    void add(KerasH5Writer w);
  }

  private final String modelConfig;
  private final Map<String, Map<String, Object>> layers = new LinkedHashMap<>();

  KerasH5Writer(String modelConfig) {
    this.modelConfig = modelConfig;
  }

  /** A layer listed in layer_names; weights added with {@link #weight}. */
  KerasH5Writer layer(String name) {
    layers.computeIfAbsent(name, k -> new LinkedHashMap<>());
    return this;
  }

  /** A weight {@code layer/name:0} of this shape, values 0.01 x (index + seed). */
  KerasH5Writer weight(String layer, String name, int seed, int... shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = 0.01f * (i + seed) * (i % 2 == 0 ? 1 : -1);
    }
    layer(layer);
    layers.get(layer).put(name, nested(v, shape));
    return this;
  }

  void write(Path file) {
    try (WritableHdfFile h = HdfFile.write(file)) {
      if (modelConfig != null) {
        h.putAttribute("model_config", modelConfig);
      }
      h.putAttribute("keras_version", "2.4.0");
      h.putAttribute("backend", "tensorflow");
      WritableGroup mw = h.putGroup("model_weights");
      mw.putAttribute("layer_names", layers.keySet().toArray(String[]::new));
      for (Map.Entry<String, Map<String, Object>> l : layers.entrySet()) {
        WritableGroup g = mw.putGroup(l.getKey());
        List<String> names = l.getValue().keySet().stream().map(w -> l.getKey() + "/" + w + ":0").toList();
        if (!names.isEmpty()) {
          g.putAttribute("weight_names", names.toArray(String[]::new));
          WritableGroup inner = g.putGroup(l.getKey());
          for (Map.Entry<String, Object> w : l.getValue().entrySet()) {
            inner.putDataset(w.getKey() + ":0", w.getValue());
          }
        }
      }
    }
  }

  /** Row-major values as a nested Java array of this shape (what jhdf writes as a dataset). */
  private static Object nested(float[] v, int[] shape) {
    Object a = Array.newInstance(float.class, shape);
    fill(a, v, shape, 0, 0);
    return a;
  }

  private static int fill(Object a, float[] v, int[] shape, int dim, int at) {
    if (dim == shape.length - 1) {
      float[] row = (float[]) a;
      System.arraycopy(v, at, row, 0, row.length);
      return at + row.length;
    }
    for (int i = 0; i < shape[dim]; i++) {
      at = fill(Array.get(a, i), v, shape, dim + 1, at);
    }
    return at;
  }
}
