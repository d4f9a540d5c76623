package kiln.augment;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import kiln.api.KilnException;

/**
 * Reads typed values out of a datagen settings map keyed by MLTK names. Values may come from a spec
 * as numbers, booleans, strings, arrays or lists; a value of the wrong kind gives a {@link
 * KilnException} naming the setting, what was expected and what was found.
 */
public final class SettingValues {
  private SettingValues() {}

  /** Whether a setting is present and not null, false, "none" or an empty list. */
  public static boolean isSet(Map<String, Object> settings, String key) {
    Object v = settings.get(key);
    if (v == null || Boolean.FALSE.equals(v)) {
      return false;
    }
    if (v instanceof String s) {
      return !s.isBlank() && !s.equalsIgnoreCase("none");
    }
    if (v instanceof Collection<?> c) {
      return !c.isEmpty();
    }
    if (v.getClass().isArray()) {
      return Array.getLength(v) > 0;
    }
    return true;
  }

  /** A number, or {@code fallback} when the setting is absent. */
  public static double number(Map<String, Object> settings, String key, double fallback) {
    Object v = settings.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String s) {
      try {
        return Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new KilnException("datagen setting " + key + " must be a number, found " + describe(v));
  }

  /** A boolean, or {@code fallback} when absent. */
  public static boolean flag(Map<String, Object> settings, String key, boolean fallback) {
    Object v = settings.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(s);
    }
    throw new KilnException("datagen setting " + key + " must be true or false, found " + describe(v));
  }

  /**
   * A (min, max) pair such as {@code offset_range = (0.0, 1.0)}; null when absent. Accepts a list or
   * array of two numbers or a string "a,b" (parentheses allowed).
   */
  public static double[] range(Map<String, Object> settings, String key) {
    if (!isSet(settings, key)) {
      return null;
    }
    List<Object> items = items(settings.get(key));
    if (items.size() != 2) {
      throw new KilnException(
          "datagen setting " + key + " must be a (min, max) pair, found " + describe(settings.get(key)));
    }
    double lo = toNumber(key, items.get(0));
    double hi = toNumber(key, items.get(1));
    if (lo > hi) {
      throw new KilnException("datagen setting " + key + " must have min <= max, found (" + lo + ", " + hi + ")");
    }
    return new double[] {lo, hi};
  }

  /**
   * Whether each element of a range setting is an integer (pitch semitones): integer types, or
   * whole-valued doubles (a spec's {@code double[]} cannot carry the type), so (-3.0, 4.0) counts
   * as integers and (0.7, 1.4) does not.
   */
  public static boolean rangeIsIntegral(Map<String, Object> settings, String key) {
    if (!isSet(settings, key)) {
      return false;
    }
    for (Object o : items(settings.get(key))) {
      // a spec's double[] cannot say "int": whole numbers other than 0 count as integers
      if ((o instanceof Double || o instanceof Float) && (((Number) o).doubleValue() % 1 != 0)) {
        return false;
      }
      if (o instanceof String s && (s.contains(".") || s.contains("e") || s.contains("E"))) {
        return false;
      }
    }
    return true;
  }

  /** A list of strings ({@code noise_colors = ['white','pink']} or a single string); empty when absent. */
  public static List<String> strings(Map<String, Object> settings, String key) {
    if (!isSet(settings, key)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Object o : items(settings.get(key))) {
      out.add(String.valueOf(o).trim());
    }
    return out;
  }

  private static List<Object> items(Object v) {
    List<Object> out = new ArrayList<>();
    if (v instanceof Collection<?> c) {
      out.addAll(c);
    } else if (v.getClass().isArray()) {
      for (int i = 0; i < Array.getLength(v); i++) {
        out.add(Array.get(v, i));
      }
    } else if (v instanceof String s) {
      String t = s.trim().replaceAll("^[\\[(]|[\\])]$", "");
      for (String part : t.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim().replaceAll("^['\"]|['\"]$", ""));
        }
      }
    } else {
      out.add(v);
    }
    return out;
  }

  private static double toNumber(String key, Object o) {
    if (o instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(String.valueOf(o).trim());
    } catch (NumberFormatException e) {
      throw new KilnException("datagen setting " + key + " must hold numbers, found " + describe(o));
    }
  }

  static String describe(Object v) {
    if (v != null && v.getClass().isArray()) {
      return items(v) + " (" + v.getClass().getSimpleName() + ")";
    }
    return v + (v == null ? "" : " (" + v.getClass().getSimpleName() + ")");
  }
}
