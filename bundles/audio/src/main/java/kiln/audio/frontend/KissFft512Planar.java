package kiln.audio.frontend;

/**
 * kissfft's 512-point real transform (the size of micro_speech and MLTK's defaults) computing exactly
 * the butterflies of {@link KissFftR16}, reorganised into flat passes over planar int arrays that
 * HotSpot's C2 compiles to SIMD code.
 *
 * <p>The 256-point complex FFT is four radix-4 stages, each acting on one base-4 digit of the
 * position. kissfft's butterfly does three things in order: divide all four inputs by 4 (C_FIXDIV),
 * multiply inputs 1..3 by their twiddles (C_MUL), then add and subtract. The first two are
 * element-wise, so they run as loops over all 256 elements with a per-position twiddle table; inputs
 * 0 get the twiddle 32767 + 0i, which returns every value in [-16383, 16383] unchanged
 * ({@code (x * 32767 + 16384) >> 15 == x} there), and C_FIXDIV by 4 leaves values in [-8191, 8191]
 * (stage 1 has only that twiddle and skips the multiplication). The add/subtract network runs as
 * loops over contiguous runs whose four inputs sit at constant distances (16 or 64), in place, storing
 * every intermediate as int16 exactly as kissfft does. Loops are kept small and simple because C2
 * (Java 17) vectorizes only small loop bodies with one index; tests compare every bin with
 * {@link KissFftR16} and the whole frontend with {@link ReferenceMicroFrontend}.
 *
 * <p>Stages 1 and 2 run in input order (the digit-reversed order of kissfft's in-place layout), where
 * their digits sit at distances 64 and 16; one gather then puts the data in kissfft's own layout for
 * stages 3 and 4, where theirs do. The real-to-complex split follows.
 *
 * <p>Immutable tables; callers own the work arrays, so one instance serves many threads.
 */
final class KissFft512Planar {
  static final int NFFT = 512;
  static final int N = 256; // complex points
  private static final int ROUND = 1 << 14;
  private static final int QUARTER = 32767 / 4;
  private static final int HALF = 32767 / 2;

  // per-position twiddles of stages 2, 3, 4 (stage 1 only has 32767 + 0i)
  private final int[] tw2r = new int[N];
  private final int[] tw2i = new int[N];
  private final int[] tw3r = new int[N];
  private final int[] tw3i = new int[N];
  private final int[] tw4r = new int[N];
  private final int[] tw4i = new int[N];
  private final int[] digitReversed = new int[N];
  private final int[] superR1 = new int[N / 2 + 1]; // super-twiddle for bin k at index k
  private final int[] superI1 = new int[N / 2 + 1];

  KissFft512Planar(KissFftR16 plan) {
    if (plan.nfft != NFFT) {
      throw new IllegalArgumentException("the planar FFT is for length " + NFFT + ", not " + plan.nfft);
    }
    for (int a = 0; a < N; a++) {
      int d0 = a >> 6; // input order: a = 64 d0 + 16 d1 + 4 d2 + d3 in kissfft's digits
      int d1 = (a >> 4) & 3;
      digitReversed[a] = ((a & 3) << 6) | (((a >> 2) & 3) << 4) | (d1 << 2) | d0;
      // stage 2 (kissfft m = 4, fstride 16): j = d1, k = d0
      tw2r[a] = plan.twiddleR(16 * d1 * d0);
      tw2i[a] = plan.twiddleI(16 * d1 * d0);
      // kissfft order: a = 64 d3 + 16 d2 + k; stage 3 (m = 16, fstride 4): j = d2, k = a & 15
      int j3 = (a >> 4) & 3;
      tw3r[a] = plan.twiddleR(4 * j3 * (a & 15));
      tw3i[a] = plan.twiddleI(4 * j3 * (a & 15));
      // stage 4 (m = 64, fstride 1): j = d3, k = a & 63
      tw4r[a] = plan.twiddleR((a >> 6) * (a & 63));
      tw4i[a] = plan.twiddleI((a >> 6) * (a & 63));
    }
    for (int k = 0; k < N / 2; k++) {
      superR1[k + 1] = plan.superTwiddleR(k);
      superI1[k + 1] = plan.superTwiddleI(k);
    }
  }

  /** Work arrays for one thread. */
  static final class Buffers {
    /** In: even samples; out: real parts of bins 0..256. */
    final int[] re = new int[N + 1];
    /** In: odd samples; out: imaginary parts of bins 0..256. */
    final int[] im = new int[N + 1];
    final int[] xr = new int[N]; // complex FFT in kissfft's layout
    final int[] xi = new int[N];
    final int[] mirrorR = new int[N / 2 + 1]; // X[256 - k], then bin 256 - k
    final int[] mirrorI = new int[N / 2 + 1];
  }

  /**
   * kiss_fftr on 512 int16 samples given as their even ({@code b.re}) and odd ({@code b.im}) halves,
   * each first shifted left by {@code inputShift} and stored as int16 (the frontend's scaling). Use
   * {@link #energy} for the result.
   */
  void transform(Buffers b, int inputShift) {
    final int[] re = b.re;
    final int[] im = b.im;
    shiftAndFixDiv(re, inputShift);
    shiftAndFixDiv(im, inputShift);
    network64(re, im);
    fixDivTwiddle(re, im, tw2r, tw2i);
    for (int base = 0; base < N; base += 64) {
      network16(re, im, base);
    }
    gather(re, im, b.xr, b.xi);
    fixDivTwiddle(b.xr, b.xi, tw3r, tw3i);
    for (int base = 0; base < N; base += 64) {
      network16(b.xr, b.xi, base);
    }
    fixDivTwiddle(b.xr, b.xi, tw4r, tw4i);
    network64(b.xr, b.xi);
    realSplit(b);
  }

  /**
   * From input order into kissfft's layout: position 64 d3 + 16 d2 + 4 d1 + d0 takes the value at
   * 64 d0 + 16 d1 + 4 d2 + d3 (base-4 digit reversal).
   */
  private void gather(int[] re, int[] im, int[] xr, int[] xi) {
    final int[] rev = digitReversed;
    for (int a = 0; a < N; a++) {
      int from = rev[a];
      xr[a] = re[from];
      xi[a] = im[from];
    }
  }

  private static void fixDiv(int[] x, int factor) {
    for (int a = 0; a < N; a++) {
      x[a] = (short) ((x[a] * factor + ROUND) >> 15);
    }
  }

  private static void shiftAndFixDiv(int[] x, int shift) {
    for (int a = 0; a < N; a++) {
      int v = (short) (x[a] << shift);
      x[a] = (short) ((v * QUARTER + ROUND) >> 15);
    }
  }

  /** C_FIXDIV by 4 then C_MUL by the position's twiddle, every element. */
  private static void fixDivTwiddle(int[] re, int[] im, int[] twr, int[] twi) {
    fixDiv(re, QUARTER);
    fixDiv(im, QUARTER);
    for (int a = 0; a < N; a++) {
      int xr = re[a];
      int xi = im[a];
      int wr = twr[a];
      int wi = twi[a];
      re[a] = (short) ((xr * wr - xi * wi + ROUND) >> 15);
      im[a] = (short) ((xr * wi + xi * wr + ROUND) >> 15);
    }
  }

  /*
   * The radix-4 add/subtract network of kf_bfly4 on inputs x0..x3 at distances of m, in three small
   * loops (C2 only vectorizes small loop bodies), keeping kissfft's int16 intermediates:
   * sums: x0 <- x0 + x2, x1 <- x0 - x2 (scratch 5), x2 <- x1 + x3 (scratch 3), x3 <- x1 - x3 (scratch 4);
   * outer: x0 <- x0 + x2, x2 <- x0 - x2; rotated: x1 <- x1 - i x3, x3 <- x1 + i x3.
   */

  private static void network64(int[] re, int[] im) {
    sums64(re);
    sums64(im);
    outer64(re, im);
    rotated64(re, im);
  }

  private static void network16(int[] re, int[] im, int base) {
    sums16(re, base);
    sums16(im, base);
    outer16(re, im, base);
    rotated16(re, im, base);
  }

  private static void sums64(int[] x) {
    for (int t = 0; t < 64; t++) {
      int a = x[t];
      int b = x[t + 64];
      int c = x[t + 128];
      int d = x[t + 192];
      x[t] = (short) (a + c);
      x[t + 64] = (short) (a - c);
      x[t + 128] = (short) (b + d);
      x[t + 192] = (short) (b - d);
    }
  }

  private static void outer64(int[] re, int[] im) {
    for (int t = 0; t < 64; t++) {
      int pr = re[t];
      int qr = re[t + 128];
      int pi = im[t];
      int qi = im[t + 128];
      re[t] = (short) (pr + qr);
      re[t + 128] = (short) (pr - qr);
      im[t] = (short) (pi + qi);
      im[t + 128] = (short) (pi - qi);
    }
  }

  private static void rotated64(int[] re, int[] im) {
    for (int t = 64; t < 128; t++) {
      int s5r = re[t];
      int s5i = im[t];
      int s4r = re[t + 128];
      int s4i = im[t + 128];
      re[t] = (short) (s5r + s4i);
      im[t] = (short) (s5i - s4r);
      re[t + 128] = (short) (s5r - s4i);
      im[t + 128] = (short) (s5i + s4r);
    }
  }

  private static void sums16(int[] x, int base) {
    for (int t = base; t < base + 16; t++) {
      int a = x[t];
      int b = x[t + 16];
      int c = x[t + 32];
      int d = x[t + 48];
      x[t] = (short) (a + c);
      x[t + 16] = (short) (a - c);
      x[t + 32] = (short) (b + d);
      x[t + 48] = (short) (b - d);
    }
  }

  private static void outer16(int[] re, int[] im, int base) {
    for (int t = base; t < base + 16; t++) {
      int pr = re[t];
      int qr = re[t + 32];
      int pi = im[t];
      int qi = im[t + 32];
      re[t] = (short) (pr + qr);
      re[t + 32] = (short) (pr - qr);
      im[t] = (short) (pi + qi);
      im[t + 32] = (short) (pi - qi);
    }
  }

  private static void rotated16(int[] re, int[] im, int base) {
    for (int t = base + 16; t < base + 32; t++) {
      int s5r = re[t];
      int s5i = im[t];
      int s4r = re[t + 32];
      int s4i = im[t + 32];
      re[t] = (short) (s5r + s4i);
      im[t] = (short) (s5i - s4r);
      re[t + 32] = (short) (s5r - s4i);
      im[t + 32] = (short) (s5i + s4r);
    }
  }

  /**
   * kiss_fftr's post-processing from the complex FFT (xr, xi) into the bins. Bin k and bin 256 - k
   * come from X[k] and X[256 - k]; with X mirrored into its own arrays first, small loops over k
   * compute both: bins 0..127 into (re, im) at their index, bins 128..255 into the mirror arrays at
   * index 256 - bin (bin 128 is written twice in kissfft; the upper formula's value stands), bin 256
   * into re[256], im[256].
   */
  private void realSplit(Buffers b) {
    final int[] xr = b.xr;
    final int[] xi = b.xi;
    final int[] re = b.re;
    final int[] im = b.im;
    final int[] mr = b.mirrorR;
    final int[] mi = b.mirrorI;
    for (int k = 1; k <= N / 2; k++) { // conj(X[256 - k])
      mr[k] = xr[N - k];
      mi[k] = (short) -xi[N - k];
    }
    halve(xr);
    halve(xi);
    halve(mr);
    halve(mi);
    sumAndDifference(xr, mr); // f1k in x, f2k in the mirror
    sumAndDifference(xi, mi);
    final int[] sr = superR1;
    final int[] si = superI1;
    for (int k = 1; k <= N / 2; k++) { // tw = f2k * super-twiddle
      int f2r = mr[k];
      int f2i = mi[k];
      int wr = sr[k];
      int wi = si[k];
      mr[k] = (short) ((f2r * wr - f2i * wi + ROUND) >> 15);
      mi[k] = (short) ((f2r * wi + f2i * wr + ROUND) >> 15);
    }
    for (int k = 1; k <= N / 2; k++) {
      int f1r = xr[k];
      int tr = mr[k];
      re[k] = (short) ((f1r + tr) >> 1);
      mr[k] = (short) ((f1r - tr) >> 1);
    }
    for (int k = 1; k <= N / 2; k++) {
      int f1i = xi[k];
      int ti = mi[k];
      im[k] = (short) ((f1i + ti) >> 1);
      mi[k] = (short) ((ti - f1i) >> 1);
    }
    int dcR = xr[0]; // halved above
    int dcI = xi[0];
    re[0] = (short) (dcR + dcI);
    re[N] = (short) (dcR - dcI);
    im[0] = 0;
    im[N] = 0;
  }

  /**
   * The squared magnitudes of bins 0..256 as the filterbank computes them (int32 arithmetic, so
   * -32768 - 32768i wraps to a negative value), after {@link #transform}.
   */
  static void energy(Buffers b, int[] energy) {
    final int[] re = b.re;
    final int[] im = b.im;
    final int[] mr = b.mirrorR;
    final int[] mi = b.mirrorI;
    for (int k = 0; k < N / 2; k++) {
      int r = re[k];
      int i = im[k];
      energy[k] = r * r + i * i;
    }
    for (int k = 1; k <= N / 2; k++) {
      int r = mr[k];
      int i = mi[k];
      mr[k] = r * r + i * i;
    }
    for (int k = 1; k <= N / 2; k++) {
      energy[N - k] = mr[k];
    }
    energy[N] = re[N] * re[N];
  }

  /** C_FIXDIV by 2 on elements 0..128. */
  private static void halve(int[] x) {
    for (int k = 0; k <= N / 2; k++) {
      x[k] = (short) ((x[k] * HALF + ROUND) >> 15);
    }
  }

  private static void sumAndDifference(int[] x, int[] m) {
    for (int k = 1; k <= N / 2; k++) {
      int p = x[k];
      int q = m[k];
      x[k] = (short) (p + q);
      m[k] = (short) (p - q);
    }
  }
}
