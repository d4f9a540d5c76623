package kiln.view;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import kiln.api.platform.LayerInfo;
import kiln.tflite.options.BuiltinOptions;
import kiln.tflite.options.GenericOptions;

/**
 * One op as an accelerator judges it ({@link LayerInfo}, with MACs and ops counted as MLTK's
 * on-device profiler does, like {@code kiln:profile}), and every option of the op for the page.
 */
final class OpLayers {
  private OpLayers() {}

  /** Every field of the op's options as text, by name (empty when the op has none). */
  static Map<String, String> allOptions(BuiltinOptions o) {
    Map<String, String> m = new LinkedHashMap<>();
    if (o instanceof GenericOptions g) {
      g.fields().forEach((k, v) -> m.put(k, text(v)));
    } else if (o != null && o.getClass().isRecord()) {
      for (RecordComponent c : o.getClass().getRecordComponents()) {
        try {
          m.put(c.getName(), text(c.getAccessor().invoke(o)));
        } catch (ReflectiveOperationException e) {
          m.put(c.getName(), "?");
        }
      }
    }
    return m;
  }

  private static String text(Object v) {
    if (v instanceof int[] a) {
      return Arrays.toString(a);
    }
    if (v instanceof float[] a) {
      return Arrays.toString(a);
    }
    if (v instanceof Enum<?> e) {
      return e.name().toLowerCase(Locale.ROOT);
    }
    return String.valueOf(v);
  }
}
