package kiln.tflite;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import kiln.api.KilnException;

/**
 * Turns the text a user types ({@code key=value} on the command line) into a typed parameter value:
 * {@code true}/{@code false} -> bool, whole numbers -> the smallest integer type (as MLTK),
 * decimals -> float, comma-separated items (optionally in brackets) -> int32, float or string list,
 * quoted text -> string, anything else -> string.
 */
public final class ParamText {
  private static final Pattern INT = Pattern.compile("[+-]?\\d+");
  private static final Pattern FLOAT =
      Pattern.compile("[+-]?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][+-]?\\d+)?|[+-]?(inf|nan)");

  private ParamText() {}

  /** The value of one {@code key=value} text. */
  public static Object parse(String key, String text) {
    String t = text.strip();
    if (t.length() >= 2 && (t.startsWith("\"") && t.endsWith("\"")
        || t.startsWith("'") && t.endsWith("'"))) {
      return t.substring(1, t.length() - 1);
    }
    if (t.equalsIgnoreCase("true")) {
      return Boolean.TRUE;
    }
    if (t.equalsIgnoreCase("false")) {
      return Boolean.FALSE;
    }
    if (INT.matcher(t).matches()) {
      try {
        return Long.parseLong(t);
      } catch (NumberFormatException e) {
        throw new KilnException("parameter '" + key + "': " + t
            + " is outside the 64-bit integer range");
      }
    }
    if (FLOAT.matcher(t).matches()) {
      return Double.parseDouble(t.replace("inf", "Infinity").replace("nan", "NaN"));
    }
    boolean bracketed = t.startsWith("[") && t.endsWith("]");
    if (bracketed || t.contains(",")) {
      String inner = bracketed ? t.substring(1, t.length() - 1) : t;
      List<String> items = new ArrayList<>();
      for (String item : inner.split(",", -1)) {
        String s = item.strip();
        if (s.length() >= 2 && (s.startsWith("'") && s.endsWith("'")
            || s.startsWith("\"") && s.endsWith("\""))) {
          s = s.substring(1, s.length() - 1);
        }
        items.add(s);
      }
      if (inner.isBlank()) {
        return List.of();
      }
      return list(items);
    }
    return t;
  }

  private static Object list(List<String> items) {
    if (items.stream().allMatch(s -> INT.matcher(s).matches())) {
      try {
        return items.stream().mapToInt(Integer::parseInt).toArray();
      } catch (NumberFormatException e) {
        // an item outside int32: keep them as floats below
      }
    }
    if (items.stream().allMatch(s -> FLOAT.matcher(s).matches())) {
      float[] out = new float[items.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = Float.parseFloat(items.get(i));
      }
      return out;
    }
    return List.copyOf(items);
  }
}
