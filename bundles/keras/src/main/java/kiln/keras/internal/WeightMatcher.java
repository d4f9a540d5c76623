package kiln.keras.internal;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kiln.api.KilnException;
import kiln.api.model.LayerGraph;
import kiln.api.model.LayerNode;
import kiln.api.model.TensorData;
import kiln.api.model.WeightSpec;
import kiln.api.model.Weights;
import kiln.keras.internal.H5Contents.H5Weight;

/**
 * Puts a .h5 file's stored variables under the names and shapes Kiln's layers give them
 * ({@code conv2d/kernel}, {@code batch_normalization/moving_mean}, ...): each of a layer's weights is
 * the stored variable whose last name part matches ({@code conv2d/kernel:0} -> {@code kernel}), with
 * the same (Keras) shape. A weight the file lacks, a shape that differs, or a stored variable no layer
 * has is an error naming the file and the layer.
 */
public final class WeightMatcher {
  private WeightMatcher() {}

  public static Weights match(LayerGraph graph, Map<String, List<H5Weight>> stored, String file) {
    Weights out = new Weights();
    Set<String> used = new HashSet<>();
    for (LayerNode node : graph.layers()) {
      List<H5Weight> have = stored.getOrDefault(node.name(), List.of());
      if (node.weights().isEmpty() && have.isEmpty()) {
        continue;
      }
      used.add(node.name());
      Map<String, H5Weight> bySuffix = new LinkedHashMap<>();
      for (H5Weight w : have) {
        bySuffix.put(suffix(w.name()), w);
      }
      for (WeightSpec spec : node.weights()) {
        String part = suffix(spec.name());
        H5Weight w = bySuffix.remove(part);
        if (w == null) {
          throw new KilnException(file + ": layer '" + node.name() + "' (" + node.type() + ") needs weight '"
              + part + "' " + Arrays.toString(spec.shape()) + "; the file holds " + names(have));
        }
        if (!Arrays.equals(w.shape(), spec.shape())) {
          throw new KilnException(file + ": layer '" + node.name() + "' (" + node.type() + "): weight "
              + w.name() + " has shape " + Arrays.toString(w.shape()) + ", the layer's config gives "
              + Arrays.toString(spec.shape()));
        }
        out.put(spec.name(), TensorData.ofFloat32(spec.shape(), w.values()));
      }
      if (!bySuffix.isEmpty()) {
        throw new KilnException(file + ": layer '" + node.name() + "' (" + node.type() + ") has weights "
            + names(List.copyOf(bySuffix.values())) + " that Kiln's " + node.type() + " does not have");
      }
    }
    for (Map.Entry<String, List<H5Weight>> e : stored.entrySet()) {
      if (!e.getValue().isEmpty() && !used.contains(e.getKey())) {
        throw new KilnException(file + ": holds weights of layer '" + e.getKey() + "', which model_config does"
            + " not have");
      }
    }
    return out;
  }

  /** {@code conv2d/kernel:0} and {@code conv2d/kernel} -> {@code kernel}. */
  private static String suffix(String name) {
    String s = name.substring(name.lastIndexOf('/') + 1);
    int colon = s.indexOf(':');
    return colon < 0 ? s : s.substring(0, colon);
  }

  private static List<String> names(List<H5Weight> ws) {
    return ws.stream().map(H5Weight::name).toList();
  }
}
