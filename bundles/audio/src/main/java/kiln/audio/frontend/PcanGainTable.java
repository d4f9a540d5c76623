package kiln.audio.frontend;

/**
 * The gain lookup table of PCAN gain control (pcan_gain_control_util.c): a piecewise quadratic
 * approximation of {@code 2^gain_bits * (x / 2^input_bits + offset)^-strength} over each power-of-two
 * interval of the noise estimate, evaluated by {@link #gain}.
 */
final class PcanGainTable {
  static final int SNR_BITS = 12;
  static final int OUTPUT_BITS = 6;
  private static final int WIDE_DYNAMIC_FUNCTION_BITS = 32;
  private static final int LUT_SIZE = 4 * WIDE_DYNAMIC_FUNCTION_BITS - 3;

  private final int[] lut = new int[LUT_SIZE];
  final int snrShift;

  PcanGainTable(float strength, float offset, int gainBits, int smoothingBits, int inputCorrectionBits) {
    snrShift = gainBits - inputCorrectionBits - SNR_BITS;
    int inputBits = smoothingBits - inputCorrectionBits;
    lut[0] = lookup(strength, offset, gainBits, inputBits, 0);
    lut[1] = lookup(strength, offset, gainBits, inputBits, 1);
    for (int interval = 2; interval <= WIDE_DYNAMIC_FUNCTION_BITS; ++interval) {
      long x0 = 1L << (interval - 1);
      long x1 = x0 + (x0 >> 1);
      long x2 = interval == WIDE_DYNAMIC_FUNCTION_BITS ? x0 + (x0 - 1) : 2 * x0;
      int y0 = lookup(strength, offset, gainBits, inputBits, x0);
      int y1 = lookup(strength, offset, gainBits, inputBits, x1);
      int y2 = lookup(strength, offset, gainBits, inputBits, x2);
      int diff1 = y1 - y0;
      int diff2 = y2 - y0;
      int a1 = 4 * diff1 - diff2;
      int a2 = diff2 - a1;
      int at = 4 * interval - 6;
      lut[at] = y0;
      lut[at + 1] = (short) a1;
      lut[at + 2] = (short) a2;
    }
  }

  /** PcanGainLookupFunction, in float precision like the C code. */
  private static int lookup(float strength, float offset, int gainBits, int inputBits, long x) {
    float xAsFloat = ((float) x) / (float) (1L << inputBits);
    float gain = (float) (1L << gainBits) * (float) Math.pow(xAsFloat + offset, -strength);
    if (gain > 0x7FFF) {
      return 0x7FFF;
    }
    return (short) (gain + 0.5f);
  }

  /** WideDynamicFunction: the gain (int16) for a noise estimate (unsigned 32-bit). */
  int gain(long x) {
    if (x <= 2) {
      return lut[(int) x];
    }
    int interval = Bits.msb32(x);
    int at = 4 * interval - 6;
    int frac = (short) (((interval < 11) ? (x << (11 - interval)) : (x >>> (interval - 11))) & 0x3FF);
    int result = (lut[at + 2] * frac) >> 5;
    result += lut[at + 1] << 5;
    result *= frac;
    result = (result + (1 << 14)) >> 15;
    result += lut[at];
    return (short) result;
  }

  /** PcanShrink: the compressive non-linearity applied to the SNR. */
  static long shrink(long x) {
    if (x < (2L << SNR_BITS)) {
      return ((x * x) >>> (2 + 2 * SNR_BITS - OUTPUT_BITS)) & Bits.U32;
    }
    return ((x >>> (SNR_BITS - OUTPUT_BITS)) - (1L << OUTPUT_BITS)) & Bits.U32;
  }
}
