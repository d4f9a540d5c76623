package kiln.augment.audio;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The double-precision version of {@link FloatRealInverseFft} that the noise colours ran on before
 * issue 21, kept as the tests' reference.
 *
 * <p>The inverse FFT of a Hermitian spectrum (a real signal's bins 0..n/2) as a complex FFT of half
 * the size: the even samples' spectrum E[k] = (X[k] + conj X[n/2-k]) / 2 and the odd samples'
 * O[k] = e^(2 pi i k / n) (X[k] - conj X[n/2-k]) / 2 are packed as Z = E + i O, whose inverse
 * gives x[2m] + i x[2m+1]. Half the work of the full-length complex inverse.
 */
final class RealInverseFft {
  private static final ConcurrentHashMap<Integer, RealInverseFft> PLANS = new ConcurrentHashMap<>();

  private final int n;
  private final Fft half;
  /** cos and sin of 2 pi k / n, k < n/2. */
  private final double[] cos;
  private final double[] sin;

  private RealInverseFft(int n) {
    this.n = n;
    half = Fft.of(n / 2);
    cos = new double[n / 2];
    sin = new double[n / 2];
    for (int k = 0; k < n / 2; k++) {
      double angle = 2 * Math.PI * k / n;
      cos[k] = StrictMath.cos(angle);
      sin[k] = StrictMath.sin(angle);
    }
  }

  /** The plan for real signals of length {@code n}, a power of two >= 2. */
  static RealInverseFft of(int n) {
    if (n < 2 || Integer.bitCount(n) != 1) {
      throw new IllegalArgumentException("real FFT length must be a power of two >= 2, got " + n);
    }
    return PLANS.computeIfAbsent(n, RealInverseFft::new);
  }

  /**
   * x[t] = (1/n) sum over all n bins of X[k] e^(2 pi i k t / n), where bins above n/2 are the
   * conjugates of those below ({@code re, im} hold bins 0..n/2; the imaginary parts of bins 0 and
   * n/2 are ignored, as for a real signal). Writes x[2m] to {@code even[m]} and x[2m+1] to
   * {@code odd[m]} (each at least n/2 long).
   */
  void inverse(double[] re, double[] im, double[] even, double[] odd) {
    inverseUnscaled(re, im, even, odd);
    double scale = 1.0 / n;
    for (int m = 0; m < n / 2; m++) {
      even[m] *= scale;
      odd[m] *= scale;
    }
  }

  /** {@link #inverse} times n: for callers that rescale anyway. */
  void inverseUnscaled(double[] re, double[] im, double[] even, double[] odd) {
    int h = n / 2;
    if (re.length < h + 1 || im.length < h + 1 || even.length != h || odd.length != h) {
      throw new IllegalArgumentException("real inverse FFT of " + n + " needs " + (h + 1) + " bins and two outputs of "
          + h + ", got " + re.length + ", " + im.length + ", " + even.length + ", " + odd.length);
    }
    double[] c = cos;
    double[] s = sin;
    for (int k = 0; k < h; k++) {
      double ar = re[k];
      double ai = k == 0 ? 0 : im[k];
      double br = re[h - k]; // b = conj X[h - k]
      double bi = k == 0 ? 0 : -im[h - k];
      double er = ar + br; // 2 E[k]
      double ei = ai + bi;
      double dr = ar - br;
      double di = ai - bi;
      double or = dr * c[k] - di * s[k]; // 2 O[k] = e^(2 pi i k / n) (a - b)
      double oi = dr * s[k] + di * c[k];
      even[k] = er - oi; // Z = 2E + i 2O
      odd[k] = ei + or;
    }
    // inverse of 2Z over h points without 1/h: n x (writing Z in bit-reversed order above instead
    // measured slower than the permutation's swaps: scattered stores over 64 KB arrays)
    half.inverseUnscaled(even, odd);
  }
}
