package kiln.augment.audio;

import java.util.concurrent.ConcurrentHashMap;

/**
 * In-place iterative radix-2 complex FFT over separate real and imaginary arrays, with a plan per
 * length (bit-reversal swaps and twiddle factors) made once and shared by all threads.
 *
 * <p>The twiddles of a stage are the values the textbook loop gets by rotating {@code (1, 0)} by
 * {@code exp(±2πi/len)} once per butterfly, computed by that same recurrence, so the transform
 * gives bit for bit the results of the loop that recomputed them for every block of every clip
 * ({@code FftTest} compares the two).
 */
final class Fft {
  private static final ConcurrentHashMap<Integer, Plan> PLANS = new ConcurrentHashMap<>();

  private Fft() {}

  /** Swaps and twiddles of one length. */
  private record Plan(int[] swaps, double[][] forwardRe, double[][] forwardIm, double[][] inverseRe,
      double[][] inverseIm) {
    static Plan of(int n) {
      int[] swaps = new int[n];
      int count = 0;
      for (int i = 1, j = 0; i < n; i++) {
        int bit = n >> 1;
        for (; (j & bit) != 0; bit >>= 1) {
          j ^= bit;
        }
        j ^= bit;
        if (i < j) {
          swaps[count++] = i;
          swaps[count++] = j;
        }
      }
      int stages = Integer.numberOfTrailingZeros(n);
      double[][][] t = new double[4][stages][];
      for (int s = 0; s < stages; s++) {
        int len = 2 << s;
        for (int inv = 0; inv < 2; inv++) {
          double angle = 2 * Math.PI / len * (inv == 1 ? 1 : -1);
          double wr = Math.cos(angle);
          double wi = Math.sin(angle);
          double[] re = new double[len / 2];
          double[] im = new double[len / 2];
          double cr = 1;
          double ci = 0;
          for (int k = 0; k < len / 2; k++) {
            re[k] = cr;
            im[k] = ci;
            double tmp = cr * wr - ci * wi;
            ci = cr * wi + ci * wr;
            cr = tmp;
          }
          t[2 * inv][s] = re;
          t[2 * inv + 1][s] = im;
        }
      }
      return new Plan(java.util.Arrays.copyOf(swaps, count), t[0], t[1], t[2], t[3]);
    }
  }

  /** Transforms {@code re, im} (length a power of two) in place; {@code inverse} scales by 1/n. */
  static void transform(double[] re, double[] im, boolean inverse) {
    int n = re.length;
    if (Integer.bitCount(n) != 1 || im.length != n) {
      throw new IllegalArgumentException("FFT length must be a power of two, got " + n);
    }
    Plan plan = PLANS.computeIfAbsent(n, Plan::of);
    int[] swaps = plan.swaps();
    for (int s = 0; s < swaps.length; s += 2) {
      int i = swaps[s];
      int j = swaps[s + 1];
      double t = re[i];
      re[i] = re[j];
      re[j] = t;
      t = im[i];
      im[i] = im[j];
      im[j] = t;
    }
    double[][] twRe = inverse ? plan.inverseRe() : plan.forwardRe();
    double[][] twIm = inverse ? plan.inverseIm() : plan.forwardIm();
    for (int stage = 0, len = 2; len <= n; stage++, len <<= 1) {
      double[] cr = twRe[stage];
      double[] ci = twIm[stage];
      int half = len / 2;
      for (int i = 0; i < n; i += len) {
        for (int k = 0; k < half; k++) {
          int a = i + k;
          int b = a + half;
          double xr = re[b] * cr[k] - im[b] * ci[k];
          double xi = re[b] * ci[k] + im[b] * cr[k];
          re[b] = re[a] - xr;
          im[b] = im[a] - xi;
          re[a] += xr;
          im[a] += xi;
        }
      }
    }
    if (inverse) {
      for (int i = 0; i < n; i++) {
        re[i] /= n;
        im[i] /= n;
      }
    }
  }

  /** The smallest power of two >= n. */
  static int nextPowerOfTwo(int n) {
    int p = 1;
    while (p < n) {
      p <<= 1;
    }
    return p;
  }
}
