package kiln.evaluate;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Number formatting that prints what Python's {@code '{:.3f}'.format(x)} prints, so Kiln's summaries
 * match MLTK's character for character: the exact binary value rounded half to even.
 */
public final class PyFormat {
  private PyFormat() {}

  /** {@code x} with {@code digits} digits after the point ({@code nan}, {@code inf} as Python). */
  public static String fixed(double x, int digits) {
    if (Double.isNaN(x)) {
      return "nan";
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? "inf" : "-inf";
    }
    String s = new BigDecimal(x).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
    // Python keeps the sign of a negative value that rounds to zero ("-0.000").
    if (x < 0 && !s.startsWith("-")) {
      s = "-" + s;
    }
    return s;
  }

  /** {@code x * 100} formatted with three decimals, as MLTK prints accuracies ({@code 91.990}). */
  public static String percent3(double x) {
    return fixed(x * 100, 3);
  }
}
