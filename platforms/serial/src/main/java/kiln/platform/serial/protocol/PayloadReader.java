package kiln.platform.serial.protocol;

import java.nio.charset.StandardCharsets;

/**
 * Reads a payload written by {@link PayloadWriter}; a payload that ends early throws
 * {@link IllegalArgumentException} naming the field.
 */
public final class PayloadReader {
  private final byte[] b;
  private int pos;

  public PayloadReader(byte[] payload) {
    this.b = payload;
  }

  private void need(int n, String field) {
    if (pos + n > b.length) {
      throw new IllegalArgumentException("payload of " + b.length + " bytes ends inside " + field
          + " (needs " + n + " bytes at offset " + pos + ")");
    }
  }

  public int u8(String field) {
    need(1, field);
    return b[pos++] & 0xFF;
  }

  public int u16(String field) {
    need(2, field);
    int v = (b[pos] & 0xFF) | (b[pos + 1] & 0xFF) << 8;
    pos += 2;
    return v;
  }

  public long u32(String field) {
    need(4, field);
    long v = 0;
    for (int i = 0; i < 4; i++) {
      v |= (long) (b[pos + i] & 0xFF) << (8 * i);
    }
    pos += 4;
    return v;
  }

  public String str(String field) {
    int n = u8(field);
    need(n, field);
    String s = new String(b, pos, n, StandardCharsets.UTF_8);
    pos += n;
    return s;
  }

  public byte[] bytes(int n, String field) {
    need(n, field);
    byte[] out = java.util.Arrays.copyOfRange(b, pos, pos + n);
    pos += n;
    return out;
  }

  public byte[] blob(String field) {
    long n = u32(field + " length");
    if (n > b.length - pos) {
      throw new IllegalArgumentException(field + " claims " + n + " bytes, the payload has "
          + (b.length - pos) + " left");
    }
    return bytes((int) n, field);
  }

  /** The bytes not read yet. */
  public byte[] rest() {
    return bytes(b.length - pos, "rest");
  }

  public int remaining() {
    return b.length - pos;
  }
}
