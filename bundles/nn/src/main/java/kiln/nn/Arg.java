package kiln.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kiln.util.init.Initializer;

/**
 * One kind of layer argument: turns what a user passes (an int, an {@code int[]}, a list, a string)
 * into the canonical config value, or says what was expected. Canonical values are Integer, Double,
 * Boolean, String, {@code List<Integer>}, {@code List<List<Integer>>} and {@code Map<String, Double>}
 * so that configs compare with {@code equals} and round-trip.
 */
@FunctionalInterface
interface Arg {
  /** The canonical value; throws {@link IllegalArgumentException} whose message says what was expected. */
  Object coerce(Object value);

  Set<String> ACTIVATIONS =
      Set.of("linear", "relu", "relu6", "sigmoid", "tanh", "softmax", "hard_swish", "swish");

  static Arg positiveInt() {
    return v -> {
      int i = toInt(v, "a positive integer");
      if (i <= 0) {
        throw new IllegalArgumentException("expected a positive integer, got " + show(v));
      }
      return i;
    };
  }

  static Arg anyInt() {
    return v -> toInt(v, "an integer");
  }

  static Arg bool() {
    return v -> {
      if (v instanceof Boolean b) {
        return b;
      }
      throw new IllegalArgumentException("expected true or false, got " + show(v));
    };
  }

  /** A double in [lo, hi] (or [lo, hi) when hiOpen). */
  static Arg number(double lo, double hi, boolean hiOpen) {
    return v -> {
      if (!(v instanceof Number n) || Double.isNaN(n.doubleValue())) {
        throw new IllegalArgumentException("expected a number, got " + show(v));
      }
      double d = n.doubleValue();
      if (d < lo || d > hi || (hiOpen && d == hi)) {
        String range = hi == Double.MAX_VALUE
            ? ">= " + fmt(lo)
            : "in [" + fmt(lo) + ", " + fmt(hi) + (hiOpen ? ")" : "]");
        throw new IllegalArgumentException("expected a number " + range + ", got " + show(v));
      }
      return d;
    };
  }

  /** A number > 0. */
  static Arg positiveNumber() {
    return v -> {
      if (v instanceof Number n && n.doubleValue() > 0 && !Double.isNaN(n.doubleValue())) {
        return n.doubleValue();
      }
      throw new IllegalArgumentException("expected a number > 0, got " + show(v));
    };
  }

  static Arg oneOf(String... allowed) {
    Set<String> set = Set.of(allowed);
    return v -> {
      if (v instanceof String s && set.contains(s)) {
        return s;
      }
      throw new IllegalArgumentException("expected one of " + String.join(", ", allowed) + ", got " + show(v));
    };
  }

  static Arg activation() {
    return v -> {
      if (v instanceof String s && ACTIVATIONS.contains(s)) {
        return s;
      }
      throw new IllegalArgumentException(
          "expected one of linear, relu, relu6, sigmoid, tanh, softmax, hard_swish, swish, got " + show(v));
    };
  }

  static Arg initializer() {
    return v -> {
      if (v instanceof String s && Initializer.NAMES.contains(s)) {
        return s;
      }
      throw new IllegalArgumentException(
          "expected an initializer name (" + String.join(", ", Initializer.NAMES) + "), got " + show(v));
    };
  }

  /** A regularizer as {@code {"l1": x, "l2": y}} (see {@link Regularizers}). */
  static Arg regularizer() {
    return v -> {
      if (v instanceof Map<?, ?> m && !m.isEmpty()) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
          if (!("l1".equals(e.getKey()) || "l2".equals(e.getKey()))
              || !(e.getValue() instanceof Number n)
              || n.doubleValue() < 0) {
            throw new IllegalArgumentException(
                "expected a regularizer such as Regularizers.l2(0.01) ({l1|l2: factor >= 0}), got " + show(v));
          }
          out.put((String) e.getKey(), n.doubleValue());
        }
        return Map.copyOf(out);
      }
      throw new IllegalArgumentException(
          "expected a regularizer such as Regularizers.l2(0.01), got " + show(v));
    };
  }

  /** n positive ints; a single int means the same value n times. */
  static Arg tuple(int n) {
    return v -> {
      List<Integer> list;
      if (v instanceof Number) {
        int i = toInt(v, "a positive integer or " + n + " of them");
        list = new ArrayList<>();
        for (int k = 0; k < n; k++) {
          list.add(i);
        }
      } else {
        list = toIntList(v, n + " positive integers");
        if (list.size() != n) {
          throw new IllegalArgumentException("expected " + n + " positive integers, got " + show(v));
        }
      }
      for (int i : list) {
        if (i <= 0) {
          throw new IllegalArgumentException("expected " + n + " positive integers, got " + show(v));
        }
      }
      return List.copyOf(list);
    };
  }

  /**
   * Reduction axes as TensorFlow numbers them (0 is the batch, which cannot be reduced; negative
   * counts from the end): an int or a non-empty list of distinct ints.
   */
  static Arg axes() {
    return v -> {
      List<Integer> list = v instanceof Number ? List.of(toInt(v, "an axis")) : toIntList(v, "axes");
      if (list.isEmpty() || list.contains(0) || new java.util.HashSet<>(list).size() != list.size()) {
        throw new IllegalArgumentException(
            "expected an axis or a list of distinct axes other than 0 (the batch), got " + show(v));
      }
      return List.copyOf(list);
    };
  }

  /** A shape: one or more positive ints (one -1 allowed when wildcard). */
  static Arg shape(boolean wildcard) {
    return v -> {
      List<Integer> list = v instanceof Number ? List.of(toInt(v, "a shape")) : toIntList(v, "a shape");
      int wild = 0;
      for (int i : list) {
        if (i == -1 && wildcard) {
          wild++;
        } else if (i <= 0) {
          wild = 2;
        }
      }
      if (list.isEmpty() || wild > 1) {
        throw new IllegalArgumentException(
            "expected a shape of positive integers" + (wildcard ? " (at most one -1)" : "") + ", got " + show(v));
      }
      return List.copyOf(list);
    };
  }

  /** ZeroPadding2D: int, (h, w) or ((top, bottom), (left, right)), each >= 0. */
  static Arg padding2d() {
    return v -> {
      String want = "an int, (h, w) or ((top, bottom), (left, right)) of integers >= 0";
      List<List<Integer>> out;
      if (v instanceof Number) {
        int p = toInt(v, want);
        out = List.of(List.of(p, p), List.of(p, p));
      } else if (v instanceof int[][] a) {
        out = List.of(toIntList(a[0], want), toIntList(a.length > 1 ? a[1] : null, want));
      } else if (v instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Number) {
        List<Integer> hw = toIntList(l, want);
        out = List.of(List.of(hw.get(0), hw.get(0)), List.of(hw.get(1), hw.get(1)));
      } else if (v instanceof int[] a && a.length == 2) {
        out = List.of(List.of(a[0], a[0]), List.of(a[1], a[1]));
      } else if (v instanceof List<?> l && l.size() == 2) {
        out = List.of(toIntList(l.get(0), want), toIntList(l.get(1), want));
      } else {
        throw new IllegalArgumentException("expected " + want + ", got " + show(v));
      }
      for (List<Integer> pair : out) {
        if (pair.size() != 2 || pair.get(0) < 0 || pair.get(1) < 0) {
          throw new IllegalArgumentException("expected " + want + ", got " + show(v));
        }
      }
      return out;
    };
  }

  private static int toInt(Object v, String want) {
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      long l = ((Number) v).longValue();
      if (l == (int) l) {
        return (int) l;
      }
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE) {
        return (int) d;
      }
    }
    throw new IllegalArgumentException("expected " + want + ", got " + show(v));
  }

  private static List<Integer> toIntList(Object v, String want) {
    List<Integer> out = new ArrayList<>();
    if (v instanceof int[] a) {
      for (int i : a) {
        out.add(i);
      }
    } else if (v instanceof List<?> l) {
      for (Object o : l) {
        out.add(toInt(o, want));
      }
    } else {
      throw new IllegalArgumentException("expected " + want + ", got " + show(v));
    }
    return out;
  }

  static String show(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof int[] a) {
      return Arrays.toString(a);
    }
    if (v instanceof String s) {
      return "'" + s + "'";
    }
    if (v instanceof java.util.Collection<?> || v instanceof Map<?, ?>) {
      return v.toString();
    }
    return v + " (" + v.getClass().getSimpleName() + ")";
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
