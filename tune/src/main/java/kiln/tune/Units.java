package kiln.tune;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Budget sizes ({@code 64k}, {@code 1.5M}, bytes) and durations ({@code 20ms}, {@code 500us}, {@code 1s}). */
final class Units {
  private static final Pattern NUMBER = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([a-zA-Z]*)");

  private Units() {}

  /**
   * k = 1000 bytes, M = 1000 k, as the profiler's report prints sizes (21.6k for 21,568 bytes); KiB and
   * MiB are 1024 and 1024 KiB.
   */
  static long bytes(String option, String text) {
    Matcher m = NUMBER.matcher(text.trim());
    if (m.matches()) {
      double n = Double.parseDouble(m.group(1));
      String unit = m.group(2).toLowerCase(Locale.ROOT);
      long scale = switch (unit) {
        case "", "b" -> 1;
        case "k", "kb" -> 1000;
        case "m", "mb" -> 1000 * 1000;
        case "kib" -> 1024;
        case "mib" -> 1024 * 1024;
        default -> -1;
      };
      if (scale > 0 && n > 0) {
        return Math.round(n * scale);
      }
    }
    throw new IllegalArgumentException(option + " " + text + ": expected a size such as 16k, 256k or 1M");
  }

  static double seconds(String option, String text) {
    Matcher m = NUMBER.matcher(text.trim());
    if (m.matches()) {
      double n = Double.parseDouble(m.group(1));
      double scale = switch (m.group(2).toLowerCase(Locale.ROOT)) {
        case "us" -> 1e-6;
        case "ms" -> 1e-3;
        case "s" -> 1;
        default -> -1;
      };
      if (scale > 0 && n > 0) {
        return n * scale;
      }
    }
    throw new IllegalArgumentException(option + " " + text + ": expected a duration such as 20ms, 500us or 1s");
  }

  /** 12345 bytes as "12.3 kB" (k = 1000, as the profiler's report). */
  static String size(long bytes) {
    return bytes < 1000 ? bytes + " B" : String.format(Locale.ROOT, "%.1f kB", bytes / 1000.0);
  }

  static String millis(double seconds) {
    return String.format(Locale.ROOT, "%.3f ms", seconds * 1e3);
  }
}
