package kiln.audio;

/** G.711 mu-law and A-law expansion to 16-bit linear PCM. */
final class G711 {
  private G711() {}

  static int ulawToLinear(byte code) {
    int u = ~code & 0xFF;
    int exponent = (u >> 4) & 0x07;
    int mantissa = u & 0x0F;
    int magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84;
    return (u & 0x80) != 0 ? -magnitude : magnitude;
  }

  static int alawToLinear(byte code) {
    int a = (code & 0xFF) ^ 0x55;
    int t = (a & 0x0F) << 4;
    int segment = (a & 0x70) >> 4;
    if (segment == 0) {
      t += 8;
    } else {
      t = (t + 0x108) << (segment - 1);
    }
    return (a & 0x80) != 0 ? t : -t;
  }
}
