package kiln.audio.frontend;

/**
 * MLTK's DC notch filter, {@code out[n] = in[n] - in[n-1] + k * out[n-1]} with k in Q15 and int16
 * wrap-around, streaming (the last input and output carry over between calls).
 */
final class DcNotchFilter {
  private final int coefficient;
  private int prevIn;
  private int prevOut;

  DcNotchFilter(int coefficientQ15) {
    this.coefficient = coefficientQ15;
  }

  void reset() {
    prevIn = 0;
    prevOut = 0;
  }

  /**
   * Filters n samples. MLTK rounds {@code k * y} as {@code ((p >> 14) + 1) >> 1} and then adds the
   * difference; that equals {@code (p + 2^14 + (d << 15)) >> 15} (adding a multiple of 2^15 commutes
   * with the floor division), which puts one multiply, one add and one shift on the sample-to-sample
   * dependency chain instead of two shifts and two adds. DcNotchFilterTest compares the two forms.
   */
  void apply(short[] in, int inOffset, short[] out, int outOffset, int n) {
    final long k = coefficient;
    int lastIn = prevIn;
    int lastOut = prevOut;
    for (int i = 0; i < n; i++) {
      int x = in[inOffset + i];
      long d = (short) (x - lastIn); // off the chain
      int y = (short) ((k * lastOut + (d << 15) + (1 << 14)) >> 15);
      out[outOffset + i] = (short) y;
      lastIn = x;
      lastOut = y;
    }
    prevIn = lastIn;
    prevOut = lastOut;
  }
}
