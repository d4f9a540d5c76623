package kiln.tensorflow.train;

import java.util.Map;
import kiln.api.KilnException;

/** Typed reads of the training settings map (MLTK names), errors naming the setting. */
final class Settings {
  private Settings() {}

  static int integer(Map<?, ?> m, String key, int dflt, String where) {
    Object v = m.get(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.intValue();
    }
    throw new KilnException(where + key + ": expected an integer, got " + v);
  }

  static double number(Map<?, ?> m, String key, double dflt, String where) {
    Object v = m.get(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw new KilnException(where + key + ": expected a number, got " + v);
  }

  static boolean flag(Map<?, ?> m, String key, boolean dflt, String where) {
    Object v = m.get(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    throw new KilnException(where + key + ": expected true or false, got " + v);
  }

  static Map<?, ?> map(Map<?, ?> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Map<?, ?> map) {
      return map;
    }
    throw new KilnException(key + ": expected a map of settings, got " + v);
  }
}
