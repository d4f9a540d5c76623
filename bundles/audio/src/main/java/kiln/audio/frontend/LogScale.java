package kiln.audio.frontend;

/** The fixed-point natural logarithm of log_scale.c (log2 by table, then scaled). */
final class LogScale {
  private static final int LOG_SCALE_LOG2 = 16;
  private static final int LOG_SEGMENTS_LOG2 = 7;
  private static final long LOG_COEFF = 45426;
  private static final int[] LOG_LUT = {
    0, 224, 442, 654, 861, 1063, 1259, 1450, 1636, 1817, 1992, 2163, 2329, 2490, 2646, 2797, 2944, 3087,
    3224, 3358, 3487, 3611, 3732, 3848, 3960, 4068, 4172, 4272, 4368, 4460, 4549, 4633, 4714, 4791, 4864,
    4934, 5001, 5063, 5123, 5178, 5231, 5280, 5326, 5368, 5408, 5444, 5477, 5507, 5533, 5557, 5578, 5595,
    5610, 5622, 5631, 5637, 5640, 5641, 5638, 5633, 5626, 5615, 5602, 5586, 5568, 5547, 5524, 5498, 5470,
    5439, 5406, 5370, 5332, 5291, 5249, 5203, 5156, 5106, 5054, 5000, 4944, 4885, 4825, 4762, 4697, 4630,
    4561, 4490, 4416, 4341, 4264, 4184, 4103, 4020, 3935, 3848, 3759, 3668, 3575, 3481, 3384, 3286, 3186,
    3084, 2981, 2875, 2768, 2659, 2549, 2437, 2323, 2207, 2090, 1971, 1851, 1729, 1605, 1480, 1353, 1224,
    1094, 963, 830, 695, 559, 421, 282, 142, 0, 0
  };

  private LogScale() {}

  /** Log of an unsigned 32-bit value greater than 1, scaled by 2^scaleShift (unsigned 32-bit). */
  static long log(long x, int scaleShift) {
    int integer = Bits.msb32(x) - 1;
    int frac = (int) (x - (1L << integer));
    if (integer < LOG_SCALE_LOG2) {
      frac <<= LOG_SCALE_LOG2 - integer;
    } else {
      frac >>= integer - LOG_SCALE_LOG2;
    }
    int baseSeg = frac >>> (LOG_SCALE_LOG2 - LOG_SEGMENTS_LOG2);
    int segUnit = (1 << LOG_SCALE_LOG2) >> LOG_SEGMENTS_LOG2;
    int c0 = LOG_LUT[baseSeg];
    int c1 = LOG_LUT[baseSeg + 1];
    int relPos = ((c1 - c0) * (frac - segUnit * baseSeg)) >> LOG_SCALE_LOG2;
    long fraction = (frac + c0 + relPos) & Bits.U32;
    long log2 = (((long) integer << LOG_SCALE_LOG2) + fraction) & Bits.U32;
    long round = 1L << (LOG_SCALE_LOG2 - 1);
    long loge = ((LOG_COEFF * log2 + round) >>> LOG_SCALE_LOG2) & Bits.U32;
    return ((((loge << scaleShift) & Bits.U32) + round) & Bits.U32) >>> LOG_SCALE_LOG2;
  }
}
