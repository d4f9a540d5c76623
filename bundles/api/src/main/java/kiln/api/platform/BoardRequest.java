package kiln.api.platform;

/**
 * How to reach a board: which port, how fast, how long to wait.
 *
 * @param port a port name or path, {@code regex:PATTERN} to pick the one port whose description
 *     matches, or null for the connector's default (MLTK's: {@code regex:JLink CDC UART Port})
 * @param baudRate the serial line rate, e.g. 115200
 * @param timeoutMillis the longest wait for any one answer of the board; no call waits longer
 *     than this per try
 * @param retries how often a request that got no valid answer is sent again
 * @param program whether the model is written to the board's flash before a log is read (a
 *     firmware that only prints a log, MLTK's model_profiler, needs it programmed by a tool)
 */
public record BoardRequest(String port, int baudRate, long timeoutMillis, int retries, boolean program) {
  /** 115200 baud, as MLTK's firmware uses. */
  public static final int DEFAULT_BAUD = 115200;

  /** The defaults for {@code port}: 115200 baud, 5 s per answer, 2 retries, programming on. */
  public static BoardRequest of(String port) {
    return new BoardRequest(port, DEFAULT_BAUD, 5000, 2, true);
  }
}
