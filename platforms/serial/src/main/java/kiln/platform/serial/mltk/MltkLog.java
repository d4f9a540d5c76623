package kiln.platform.serial.mltk;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Facts of the log MLTK's model_profiler firmware prints (SiliconLabs/mltk,
 * cpp/shared/apps/model_profiler and cpp/shared/profiling): where it starts, ends and fails, and
 * how it writes numbers ({@code format_units}: {@code 45.67k}, {@code 78.0M}).
 */
public final class MltkLog {
  /** A line that starts the capture. */
  public static final Pattern START =
      Pattern.compile(".*(Starting Model Profiler|Loading model).*", Pattern.CASE_INSENSITIVE);
  /** The line after which the profiler has printed everything. */
  public static final Pattern DONE = Pattern.compile(".*done.*", Pattern.CASE_INSENSITIVE);
  /** A line that means the run failed. */
  public static final Pattern FAILURE =
      Pattern.compile(".*(hardfault|error|failed to alloc memory).*", Pattern.CASE_INSENSITIVE);
  /** {@code Op3-MAX_POOL_2D not supported: reason}: a warning, not a failure. */
  public static final Pattern NOT_SUPPORTED = Pattern.compile(".*Op(\\d+)-(\\S+) not supported: (.*)");
  /** The line the Kiln board emulator prints so that its figures are known to be emulated. */
  public static final String EMULATOR_MARK = "Kiln board emulator";

  private MltkLog() {}

  /** Whether a line (stripped) says the run failed. Not-supported warnings are not failures. */
  public static boolean isFailure(String line) {
    return FAILURE.matcher(line).matches() && !NOT_SUPPORTED.matcher(line).matches();
  }

  /** MLTK's number format read back: {@code 45.67k} is 45670, {@code 1.2M} is 1200000. */
  public static long number(String s) {
    double mult = 1;
    String t = s;
    char last = t.charAt(t.length() - 1);
    if (last == 'k' || last == 'M' || last == 'G') {
      mult = last == 'k' ? 1e3 : last == 'M' ? 1e6 : 1e9;
      t = t.substring(0, t.length() - 1);
    }
    return (long) (Double.parseDouble(t) * mult);
  }

  /** A number as the firmware's {@code format_units(n, precision)} prints it. */
  public static String units(long n, int precision) {
    String unit;
    long divisor;
    if (n > 1_000_000_000L) {
      unit = "G";
      divisor = 1_000_000_000L;
    } else if (n > 1_000_000L) {
      unit = "M";
      divisor = 1_000_000L;
    } else if (n > 1000) {
      unit = "k";
      divisor = 1000;
    } else {
      return Long.toString(n);
    }
    long factor = (long) Math.pow(10, precision);
    long scaled = n * factor / divisor;
    return String.format(Locale.ROOT, "%d.%0" + precision + "d%s", scaled / factor, scaled % factor, unit);
  }
}
