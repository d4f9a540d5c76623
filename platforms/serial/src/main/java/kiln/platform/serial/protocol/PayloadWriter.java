package kiln.platform.serial.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds a payload: little-endian integers, strings as a u8 length and UTF-8 bytes. */
public final class PayloadWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  public PayloadWriter u8(int v) {
    out.write(v);
    return this;
  }

  public PayloadWriter u16(int v) {
    out.write(v);
    out.write(v >>> 8);
    return this;
  }

  public PayloadWriter u32(long v) {
    for (int i = 0; i < 4; i++) {
      out.write((int) (v >>> (8 * i)));
    }
    return this;
  }

  /** A string of at most 255 UTF-8 bytes (longer ones are cut). */
  public PayloadWriter str(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    int n = Math.min(255, b.length);
    out.write(n);
    out.write(b, 0, n);
    return this;
  }

  public PayloadWriter bytes(byte[] b) {
    out.write(b, 0, b.length);
    return this;
  }

  /** A u32 length, then the bytes. */
  public PayloadWriter blob(byte[] b) {
    return u32(b.length).bytes(b);
  }

  public byte[] toBytes() {
    return out.toByteArray();
  }
}
