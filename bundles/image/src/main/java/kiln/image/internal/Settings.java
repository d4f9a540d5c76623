package kiln.image.internal;

import java.util.List;
import java.util.Map;
import kiln.api.KilnException;

/** Reads datagen settings (MLTK names, plain values as kiln.spec gives them), naming the setting on errors. */
public final class Settings {
  private Settings() {}

  /** Whether the setting is present and not null. */
  public static boolean isSet(Map<String, Object> m, String key) {
    return m.get(key) != null;
  }

  public static double number(Map<String, Object> m, String key, double fallback) {
    Object v = m.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(v.toString().trim());
    } catch (NumberFormatException e) {
      throw new KilnException("datagen setting " + key + ": expected a number, found '" + v + "'");
    }
  }

  public static boolean flag(Map<String, Object> m, String key, boolean fallback) {
    Object v = m.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    String s = v.toString().trim().toLowerCase(java.util.Locale.ROOT);
    if (s.equals("true") || s.equals("false")) {
      return s.equals("true");
    }
    throw new KilnException("datagen setting " + key + ": expected true or false, found '" + v + "'");
  }

  public static String string(Map<String, Object> m, String key, String fallback) {
    Object v = m.get(key);
    return v == null ? fallback : v.toString();
  }

  /** A (low, high) range, or null when unset. */
  public static double[] range(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return null;
    }
    double[] r;
    if (v instanceof double[] d) {
      r = d.clone();
    } else if (v instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Number a && l.get(1) instanceof Number b) {
      r = new double[] {a.doubleValue(), b.doubleValue()};
    } else {
      throw new KilnException("datagen setting " + key + ": expected a range (low, high), found " + v);
    }
    if (r.length != 2 || r[0] > r[1]) {
      throw new KilnException("datagen setting " + key + ": expected a range (low, high) with low <= high, found "
          + java.util.Arrays.toString(r));
    }
    return r;
  }

  /** A list of names ({@code noise}), or an empty list when unset. */
  public static List<String> names(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return List.of();
    }
    if (v instanceof List<?> l) {
      return l.stream().map(String::valueOf).toList();
    }
    return List.of(v.toString());
  }
}
