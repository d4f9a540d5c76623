package kiln.platform.serial.protocol;

/**
 * The payload of an {@code EVENT} frame (board to host, seq 0, while streaming): u32 ms since the
 * stream started, u8 class index, u8 score 0-255, str class label. Two class indexes are not
 * classes: {@link #HEARTBEAT} (nothing to report, the board is alive) and {@link #END} (the
 * board's input is over or its event limit reached; no event follows).
 */
public record StreamEvent(long timeMs, int classIndex, int score, String label) {
  /** Sent when the board has had nothing to report for {@link #HEARTBEAT_MS}. */
  public static final int HEARTBEAT = 254;
  /** The last event of a stream the board ended itself; its time is the stream's length. */
  public static final int END = 255;
  /** A streaming board sends some frame at least this often. */
  public static final int HEARTBEAT_MS = 1000;

  /** STREAM request actions (u8), followed by u32 max events (0: no limit). */
  public static final int STOP = 0;
  public static final int START = 1;

  public static StreamEvent heartbeat(long timeMs) {
    return new StreamEvent(timeMs, HEARTBEAT, 0, "");
  }

  public static StreamEvent end(long timeMs) {
    return new StreamEvent(timeMs, END, 0, "");
  }

  public boolean isHeartbeat() {
    return classIndex == HEARTBEAT;
  }

  public boolean isEnd() {
    return classIndex == END;
  }

  public byte[] encode() {
    return new PayloadWriter().u32(timeMs).u8(classIndex).u8(score).str(label == null ? "" : label)
        .toBytes();
  }

  public static StreamEvent decode(byte[] payload) {
    PayloadReader r = new PayloadReader(payload);
    return new StreamEvent(r.u32("time"), r.u8("class index"), r.u8("score"), r.str("label"));
  }

  /** A STREAM request's payload: {@link #START} or {@link #STOP}, and the event limit. */
  public static byte[] request(int action, long maxEvents) {
    return new PayloadWriter().u8(action).u32(maxEvents).toBytes();
  }
}
