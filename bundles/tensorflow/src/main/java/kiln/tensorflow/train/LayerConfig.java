package kiln.tensorflow.train;

import java.util.List;
import java.util.Map;
import kiln.api.KilnException;
import kiln.api.model.LayerNode;

/** Typed reads of a layer node's Keras configuration, with errors naming the layer and key. */
final class LayerConfig {
  private final LayerNode node;

  LayerConfig(LayerNode node) {
    this.node = node;
  }

  String string(String key, String dflt) {
    Object v = node.config().get(key);
    return v == null ? dflt : v.toString();
  }

  int integer(String key, int dflt) {
    Object v = node.config().get(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Number n) {
      return n.intValue();
    }
    throw bad(key, "an integer", v);
  }

  double number(String key, double dflt) {
    Object v = node.config().get(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw bad(key, "a number", v);
  }

  boolean has(String key) {
    return node.config().get(key) != null;
  }

  boolean flag(String key, boolean dflt) {
    Object v = node.config().get(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    throw bad(key, "true or false", v);
  }

  /** A tuple such as kernel_size; a single integer is repeated {@code n} times. */
  int[] ints(String key, int n, int dflt) {
    Object v = node.config().get(key);
    int[] out = new int[n];
    if (v == null) {
      java.util.Arrays.fill(out, dflt);
      return out;
    }
    if (v instanceof Number num) {
      java.util.Arrays.fill(out, num.intValue());
      return out;
    }
    if (v instanceof List<?> l && l.size() == n) {
      for (int i = 0; i < n; i++) {
        if (!(l.get(i) instanceof Number x)) {
          throw bad(key, n + " integers", v);
        }
        out[i] = x.intValue();
      }
      return out;
    }
    throw bad(key, n + " integers", v);
  }

  /** ZeroPadding2D's ((top, bottom), (left, right)). */
  int[][] pairs(String key, int dflt) {
    Object v = node.config().get(key);
    if (v == null) {
      return new int[][] {{dflt, dflt}, {dflt, dflt}};
    }
    if (v instanceof Number n) {
      return new int[][] {{n.intValue(), n.intValue()}, {n.intValue(), n.intValue()}};
    }
    if (v instanceof List<?> l && l.size() == 2) {
      int[][] out = new int[2][];
      for (int i = 0; i < 2; i++) {
        if (l.get(i) instanceof Number n) {
          out[i] = new int[] {n.intValue(), n.intValue()};
        } else if (l.get(i) instanceof List<?> p && p.size() == 2) {
          out[i] = new int[] {((Number) p.get(0)).intValue(), ((Number) p.get(1)).intValue()};
        } else {
          throw bad(key, "((top, bottom), (left, right))", v);
        }
      }
      return out;
    }
    throw bad(key, "((top, bottom), (left, right))", v);
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> map(String key) {
    Object v = node.config().get(key);
    return v instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
  }

  KilnException bad(String key, String expected, Object got) {
    return new KilnException(node.type() + " layer '" + node.name() + "': argument '" + key + "' expected "
        + expected + ", got " + got);
  }

  KilnException unsupported(String what) {
    return new KilnException(node.type() + " layer '" + node.name() + "': " + what
        + " is not supported by the TensorFlow trainer");
  }
}
