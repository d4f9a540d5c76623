package kiln.profile;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numbers as MLTK's report prints them: an SI prefix and one decimal ({@code 684.0k}, {@code 6.1m}).
 * Like MLTK (Python), the scaled value is first rounded to two decimals, then printed with one
 * from its exact binary value, so 33.152k prints as 33.1k (33.15 is stored as 33.1499...).
 */
final class Si {
  private static final String[] BIG = {"", "k", "M", "G", "T"};
  private static final String[] SMALL = {"", "m", "u", "n", "p"};

  private Si() {}

  static String format(double v) {
    if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
      return Double.isNaN(v) ? "-" : "0";
    }
    double a = Math.abs(v);
    int i = 0;
    if (a >= 1) {
      // round first so 999.96 becomes 1.0k, not 1000.0
      while (i < BIG.length - 1 && Math.round(a * 10) / 10.0 >= 1000) {
        a /= 1000;
        i++;
      }
      return (v < 0 ? "-" : "") + oneDecimal(a) + BIG[i];
    }
    while (i < SMALL.length - 1 && a < 1) {
      a *= 1000;
      i++;
    }
    return (v < 0 ? "-" : "") + oneDecimal(a) + SMALL[i];
  }

  private static String oneDecimal(double a) {
    double twoDecimals = Math.round(a * 100) / 100.0;
    return new BigDecimal(twoDecimals).setScale(1, RoundingMode.HALF_EVEN).toPlainString();
  }

  static String shape(int[] s) {
    if (s == null) {
      return "-";
    }
    if (s.length == 0) {
      return "scalar";
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length; i++) {
      b.append(i == 0 ? "" : "x").append(s[i]);
    }
    return b.toString();
  }
}
