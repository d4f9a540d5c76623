package kiln.spec.data;

import java.util.List;
import java.util.Map;
import kiln.api.KilnException;

/** MLTK's {@code class_weights} setting as one weight per class index. */
public final class ClassWeights {
  private ClassWeights() {}

  /**
   * The weights, or null for none. {@code "balanced"}: scikit-learn's
   * {@code n_samples / (n_classes * count[c])} (MLTK calls {@code compute_class_weight}); {@code "none"}
   * or null: none; a map: class name to weight (a class left out weighs 1).
   *
   * @param counts samples per class index
   */
  public static float[] resolve(Object setting, List<String> classes, int[] counts) {
    if (setting == null || "none".equals(setting)) {
      return null;
    }
    int n = counts.length;
    float[] w = new float[n];
    if ("balanced".equals(setting)) {
      long total = 0;
      for (int c : counts) {
        total += c;
      }
      for (int c = 0; c < n; c++) {
        w[c] = counts[c] == 0 ? 0f : (float) ((double) total / ((double) n * counts[c]));
      }
      return w;
    }
    if (setting instanceof Map<?, ?> m) {
      java.util.Arrays.fill(w, 1f);
      for (Map.Entry<?, ?> e : m.entrySet()) {
        int c = classes == null ? -1 : classes.indexOf(String.valueOf(e.getKey()));
        if (c < 0 || !(e.getValue() instanceof Number v)) {
          throw new KilnException("class_weights: expected class name -> number with classes " + classes + ", got "
              + e.getKey() + " -> " + e.getValue());
        }
        w[c] = v.floatValue();
      }
      return w;
    }
    throw new KilnException("class_weights: expected \"balanced\", \"none\" or a map class name -> weight, got " + setting);
  }
}
