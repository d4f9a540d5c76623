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

  void apply(short[] in, int inOffset, short[] out, int outOffset, int n) {
    int k = coefficient;
    int lastIn = prevIn;
    int lastOut = prevOut;
    for (int i = 0; i < n; i++) {
      int x = in[inOffset + i];
      int d = (short) (x - lastIn);
      int p = k * lastOut;
      int y = (short) (d + (((p >> 14) + 1) >> 1));
      out[outOffset + i] = (short) y;
      lastIn = x;
      lastOut = y;
    }
    prevIn = lastIn;
    prevOut = lastOut;
  }
}
