package kiln.tflite;

import java.math.BigDecimal;
import java.util.List;

/** Prints values as Python's {@code str()} does, so summaries read like MLTK's. */
final class PythonFormat {
  private PythonFormat() {}

  static String format(ParamType type, Object value) {
    return switch (type) {
      case BOOL -> (Boolean) value ? "True" : "False";
      case UINT64 -> Long.toUnsignedString((Long) value);
      case FLOAT -> pyFloat((double) (Float) value);
      case DOUBLE -> pyFloat((Double) value);
      case STRING -> (String) value;
      case STRING_LIST -> {
        StringBuilder b = new StringBuilder("[");
        List<?> list = (List<?>) value;
        for (int i = 0; i < list.size(); i++) {
          b.append(i > 0 ? ", " : "").append('\'').append(list.get(i)).append('\'');
        }
        yield b.append(']').toString();
      }
      case INT32_LIST -> {
        int[] a = (int[]) value;
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < a.length; i++) {
          b.append(i > 0 ? ", " : "").append(a[i]);
        }
        yield b.append(']').toString();
      }
      case FLOAT_LIST -> {
        float[] a = (float[]) value;
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < a.length; i++) {
          b.append(i > 0 ? ", " : "").append(pyFloat(a[i]));
        }
        yield b.append(']').toString();
      }
      case BYTES -> "<" + ((byte[]) value).length + " bytes>";
      default -> String.valueOf(value);
    };
  }

  /** Python's repr of a float: shortest digits, plain between 1e-4 and 1e16, else 1e-05 style. */
  static String pyFloat(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0.0" : "0.0";
    }
    BigDecimal shortest = new BigDecimal(Double.toString(d));
    double a = Math.abs(d);
    if (a >= 1e-4 && a < 1e16) {
      String s = shortest.toPlainString();
      return s.contains(".") ? stripZeros(s) : s + ".0";
    }
    BigDecimal unscaled = shortest.stripTrailingZeros();
    int exponent = unscaled.precision() - unscaled.scale() - 1;
    String digits = unscaled.unscaledValue().abs().toString();
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    String sign = d < 0 ? "-" : "";
    return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
  }

  private static String stripZeros(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '0') {
      end--;
    }
    if (s.charAt(end - 1) == '.') {
      end++;
    }
    return s.substring(0, end);
  }
}
