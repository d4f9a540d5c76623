package kiln.platform.serial.internal;

import java.nio.charset.StandardCharsets;
import kiln.api.KilnException;
import kiln.platform.serial.mltk.MltkLog;

/**
 * Reads an MLTK model_profiler log from a board as MLTK's serial reader does: capture starts at a
 * {@link MltkLog#START} line, ends at a {@link MltkLog#DONE} line, fails at a failure line; the
 * board must send something at least every {@code timeoutMillis}.
 */
final class MltkLogReader {
  private static final int MAX_LOG = 1 << 20;

  private MltkLogReader() {}

  /**
   * @param already bytes received before (while probing for Kiln's protocol)
   * @return the captured log, from the start line to the done line
   */
  static String read(Link link, byte[] already, long timeoutMillis) {
    StringBuilder captured = new StringBuilder();
    StringBuilder line = new StringBuilder();
    boolean started = false;
    int total = 0;
    byte[] buf = new byte[1024];
    byte[] pending = already;
    String last = "";
    while (true) {
      int n;
      if (pending != null) {
        n = Math.min(pending.length, buf.length);
        System.arraycopy(pending, 0, buf, 0, n);
        pending = pending.length > n ? java.util.Arrays.copyOfRange(pending, n, pending.length) : null;
      } else {
        n = link.read(buf, timeoutMillis);
        if (n == 0) {
          throw new KilnException("board on " + link.name() + " printed nothing for "
              + timeoutMillis + " ms " + (started
                  ? "before the profiler's 'done' line (last line: '" + last + "')"
                  : "(no 'Starting Model Profiler' line: is MLTK's model_profiler firmware on it,"
                      + " and was it reset? Without commander, press the board's reset button)"));
        }
      }
      total += n;
      if (total > MAX_LOG) {
        throw new KilnException("board on " + link.name() + " sent more than " + MAX_LOG
            + " bytes without finishing the profiler log (wrong baud rate or not MLTK firmware?)");
      }
      String text = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c != '\n' && c != '\r') {
          line.append(c);
          continue;
        }
        String l = line.toString().strip();
        line.setLength(0);
        if (l.isEmpty()) {
          continue;
        }
        if (!started && MltkLog.START.matcher(l).matches()) {
          started = true;
        }
        if (!started) {
          continue;
        }
        captured.append(l).append('\n');
        last = l;
        if (MltkLog.isFailure(l)) {
          throw new KilnException("board on " + link.name() + " reported a failure: " + l);
        }
        if (MltkLog.DONE.matcher(l).matches()) {
          return captured.toString();
        }
      }
    }
  }
}
