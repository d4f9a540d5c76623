package kiln.platform.serial.protocol;

import java.util.Arrays;

/**
 * One frame of Kiln's board protocol:
 *
 * <pre>
 * 0xA5 | length (u16 LE) | type (u8) | seq (u8) | payload (length bytes) | CRC-16 (u16 LE)
 * </pre>
 *
 * The CRC (CRC-16/CCITT-FALSE) covers the length, type, seq and payload bytes.
 *
 * @param type the message type ({@link MessageType})
 * @param seq the request's sequence number; a reply carries the number of its request
 */
public record Frame(int type, int seq, byte[] payload) {
  public static final int START = 0xA5;
  /** The largest payload a frame may carry. */
  public static final int MAX_PAYLOAD = 8192;
  /** Bytes a frame adds around its payload. */
  public static final int OVERHEAD = 7;

  public Frame {
    if (payload.length > MAX_PAYLOAD) {
      throw new IllegalArgumentException("frame payload of " + payload.length + " bytes exceeds "
          + MAX_PAYLOAD);
    }
  }

  /** The bytes on the wire. */
  public byte[] encode() {
    int n = payload.length;
    byte[] out = new byte[n + OVERHEAD];
    out[0] = (byte) START;
    out[1] = (byte) n;
    out[2] = (byte) (n >>> 8);
    out[3] = (byte) type;
    out[4] = (byte) seq;
    System.arraycopy(payload, 0, out, 5, n);
    int crc = Crc16.of(out, 1, n + 4);
    out[5 + n] = (byte) crc;
    out[6 + n] = (byte) (crc >>> 8);
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Frame f && f.type == type && f.seq == seq && Arrays.equals(f.payload, payload);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * type + seq) + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return MessageType.name(type) + "(seq " + seq + ", " + payload.length + " bytes)";
  }
}
