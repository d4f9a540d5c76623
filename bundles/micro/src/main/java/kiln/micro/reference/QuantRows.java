package kiln.micro.reference;

/**
 * {@link QuantArith#multiplyByQuantizedMultiplier(int, int, int)} plus zero point and clamp over a
 * row of accumulators that share one channel's parameters, written with 32-bit int operations
 * only so that HotSpot C2 auto-vectorizes each pass (no long multiply, no branches, each loop
 * small enough to be unrolled). Results are bit-identical to the scalar reference for every int
 * input; {@code QuantRowsTest} checks this on millions of random and edge values.
 */
public final class QuantRows {
  private QuantRows() {}

  /**
   * row[i] = clamp(MultiplyByQuantizedMultiplier(row[i], multiplier, shift) + zeroPoint, lo, hi)
   * for i in [0, n), in place. {@code multiplier} must be >= 0 (QuantizeMultiplier never returns
   * a negative one), shift in [-31, 30].
   */
  public static void requantize(int[] row, int n, int multiplier, int shift, int zeroPoint,
      int lo, int hi) {
    highMul(row, n, multiplier, shift > 0 ? shift : 0);
    roundingShift(row, n, shift > 0 ? 0 : -shift, zeroPoint);
    clamp(row, n, lo, hi);
  }

  /**
   * rows[c][i] = MultiplyByQuantizedMultiplier(rows[c][i], multiplier[c], shift[c]) + zeroPoint
   * for c in [from, to), i in [0, n): {@link #requantize} without the clamp, which callers fuse
   * into their (scalar) output store. The passes are written out here rather than called: the
   * method is then too large for C2 to inline into the big kernel methods, where the high
   * multiply pass was sometimes left scalar (3.4 instead of about 1.1 ns per element).
   */
  public static void scaleRows(int[][] rows, int from, int to, int n, int[] multiplier,
      int[] shift, int zeroPoint) {
    for (int c = from; c < to; c++) {
      final int[] row = rows[c];
      final int m = multiplier[c];
      final int leftShift = shift[c] > 0 ? shift[c] : 0;
      final int exponent = shift[c] > 0 ? 0 : -shift[c];
      final int mh = m >>> 16;
      final int ml = m & 0xFFFF;
      for (int i = 0; i < n; i++) { // highMul
        int a = row[i] << leftShift;
        int s = a >> 31;
        int u = (a ^ s) - s;
        int uh = u >>> 16;
        int ul = u & 0xFFFF;
        int b1 = uh * ml;
        int b2 = ul * mh;
        int low = ul * ml;
        int dh = (low >>> 16) + (((low & 0xFFFF) + (1 << 30) + s) >>> 16);
        int r = 2 * uh * mh + (b1 >>> 15) + (b2 >>> 15)
            + (((b1 & 0x7FFF) + (b2 & 0x7FFF) + dh) >>> 15);
        row[i] = (r ^ s) - s;
      }
      final int mask = (int) ((1L << exponent) - 1);
      final int nudge = (1 << exponent) >>> 1;
      final int negAdjust = exponent > 0 ? -1 : 0;
      for (int i = 0; i < n; i++) { // roundingShift
        int v = row[i];
        row[i] = (v >> exponent) + (((v & mask) + nudge + ((v >> 31) & negAdjust)) >>> exponent)
            + zeroPoint;
      }
    }
  }

  /**
   * SaturatingRoundingDoublingHighMul(row[i] << leftShift, m) for m >= 0, from 16-bit halves: with
   * s the sign and u = |a| (2^31 for MIN_VALUE, as unsigned), the result is
   * s * floor((u*m + 2^30 - [a<0]) / 2^31), which is gemmlowp's nudge-and-truncate rounding.
   * MIN*MIN cannot occur because m >= 0.
   */
  static void highMul(int[] row, int n, int m, int leftShift) {
    final int mh = m >>> 16;
    final int ml = m & 0xFFFF;
    for (int i = 0; i < n; i++) {
      int a = row[i] << leftShift;
      int s = a >> 31;
      int u = (a ^ s) - s;
      int uh = u >>> 16;
      int ul = u & 0xFFFF;
      int b1 = uh * ml;
      int b2 = ul * mh;
      int low = ul * ml; // unsigned 32-bit product
      int dh = (low >>> 16) + (((low & 0xFFFF) + (1 << 30) + s) >>> 16);
      int r = 2 * uh * mh + (b1 >>> 15) + (b2 >>> 15)
          + (((b1 & 0x7FFF) + (b2 & 0x7FFF) + dh) >>> 15);
      row[i] = (r ^ s) - s;
    }
  }

  /**
   * RoundingDivideByPOT(row[i], exponent) + zeroPoint: floor(v / 2^e) plus the carry of the
   * remainder with the half-away-from-zero nudge, computed unsigned so nothing overflows.
   */
  static void roundingShift(int[] row, int n, int exponent, int zeroPoint) {
    final int mask = (int) ((1L << exponent) - 1);
    final int nudge = (1 << exponent) >>> 1;
    final int negAdjust = exponent > 0 ? -1 : 0;
    for (int i = 0; i < n; i++) {
      int v = row[i];
      row[i] = (v >> exponent) + (((v & mask) + nudge + ((v >> 31) & negAdjust)) >>> exponent)
          + zeroPoint;
    }
  }

  /** min(max(v, lo), hi) as branch-free int arithmetic with overflow-free signed compares. */
  static void clamp(int[] row, int n, int lo, int hi) {
    for (int i = 0; i < n; i++) {
      int v = row[i];
      int dl = v - lo;
      v += (lo - v) & ((dl ^ ((v ^ lo) & (dl ^ v))) >> 31);
      int dh = hi - v;
      v += dh & ((dh ^ ((hi ^ v) & (dh ^ hi))) >> 31);
      row[i] = v;
    }
  }
}
