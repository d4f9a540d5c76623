package kiln.platform.serial.protocol;

/**
 * CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, no reflection, no final XOR (the
 * check value of ASCII "123456789" is 0x29B1).
 */
public final class Crc16 {
  private Crc16() {}

  public static int of(byte[] data) {
    return of(data, 0, data.length);
  }

  public static int of(byte[] data, int offset, int length) {
    int crc = 0xFFFF;
    for (int i = offset; i < offset + length; i++) {
      crc ^= (data[i] & 0xFF) << 8;
      for (int b = 0; b < 8; b++) {
        crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
      }
      crc &= 0xFFFF;
    }
    return crc;
  }
}
