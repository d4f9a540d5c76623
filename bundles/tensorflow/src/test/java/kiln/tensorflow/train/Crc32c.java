package kiln.tensorflow.train;

/**
 * CRC-32C (Castagnoli), bit by bit from its definition (reflected polynomial 0x82F63B78, initial
 * and final value 0xFFFFFFFF), and TFRecord's masking; the tests' own, independent of the JDK's
 * table-driven {@link java.util.zip.CRC32C} that the writer uses.
 */
final class Crc32c {
  private Crc32c() {}

  static int of(byte[] b, int off, int len) {
    int crc = 0xFFFFFFFF;
    for (int i = off; i < off + len; i++) {
      crc ^= b[i] & 0xFF;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x82F63B78 : crc >>> 1;
      }
    }
    return ~crc;
  }

  /** TensorFlow's record format: {@code ((crc >> 15) | (crc << 17)) + 0xa282ead8}, as uint32. */
  static int masked(int crc) {
    return ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
  }

  static int masked(byte[] b, int off, int len) {
    return masked(of(b, off, len));
  }
}
