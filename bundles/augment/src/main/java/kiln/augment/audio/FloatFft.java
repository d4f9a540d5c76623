package kiln.augment.audio;

import java.util.concurrent.ConcurrentHashMap;

/**
 * In-place complex FFT in float arithmetic of one power-of-two size over separate real and imaginary arrays, with its
 * twiddle factors and bit-reversal swaps computed once per size ({@link #of}): radix-4 stages
 * (three complex multiplications per four points and two stages), then for odd log2(n) one
 * radix-2 stage, on the Vector API where the JVM has it ({@link VectorPath}). The augmenters run
 * thousands of these per second, and their outputs are floats anyway: floats give the vector
 * stages twice the lanes of doubles (issue 21). The double version it replaced is kept in the tests
 * as the reference ({@code Fft}, itself checked against the older {@code RecurrenceFft}). The
 * twiddles are computed in double and rounded once. Plans are immutable and shared between threads.
 */
final class FloatFft {
  private static final ConcurrentHashMap<Integer, FloatFft> PLANS = new ConcurrentHashMap<>();

  private final int n;
  /** Index pairs (i, j), i < j, that the bit-reversal permutation swaps. */
  private final int[] swaps;
  /** i with its log2(n) bits reversed, for callers that write their input in that order. */
  private final int[] reversed;
  /**
   * For odd log2(n), the last stage is radix 2 (half-size n/2): its forward twiddles
   * e^(-2 pi i k / n), k < n/2, as a block of re then a block of im; null for even log2(n).
   */
  private final float[] lastRadix2;
  /**
   * Per radix-4 stage after the first (where every twiddle is 1), in order, the
   * forward twiddles for k < h in six blocks of h: re W^k, im W^k, re W^2k, im W^2k, re W^3k,
   * im W^3k (W = e^(-2 pi i / 4h)). Read in order by the butterflies (and by {@link FloatFftVector} a
   * vector at a time), so large transforms stream from the cache.
   */
  private final float[][] stageTwiddles;

  private FloatFft(int n) {
    this.n = n;
    // StrictMath: the same tables on every JVM and run, so outputs stay deterministic for a seed
    float[] cos = new float[n];
    float[] sin = new float[n];
    for (int k = 0; k < n; k++) {
      double angle = 2 * Math.PI * k / n;
      cos[k] = (float) StrictMath.cos(angle);
      sin[k] = (float) StrictMath.sin(angle);
    }
    int[] pairs = new int[n];
    int count = 0;
    reversed = new int[n];
    for (int i = 1, j = 0; i < n; i++) {
      int bit = n >> 1;
      for (; (j & bit) != 0; bit >>= 1) {
        j ^= bit;
      }
      j ^= bit;
      reversed[i] = j;
      if (i < j) {
        pairs[count++] = i;
        pairs[count++] = j;
      }
    }
    swaps = java.util.Arrays.copyOf(pairs, count);
    java.util.List<float[]> stages = new java.util.ArrayList<>();
    for (int h = 4; h < radix4Top(n); h *= 4) {
      float[] t = new float[6 * h];
      int stride = n / (4 * h);
      for (int k = 0; k < h; k++) {
        for (int m = 1; m <= 3; m++) {
          t[(2 * m - 2) * h + k] = cos[m * k * stride];
          t[(2 * m - 1) * h + k] = -sin[m * k * stride];
        }
      }
      stages.add(t);
    }
    stageTwiddles = stages.toArray(new float[0][]);
    if (radix4Top(n) < n) {
      int h = n / 2;
      lastRadix2 = new float[2 * h];
      for (int k = 0; k < h; k++) {
        lastRadix2[k] = cos[k];
        lastRadix2[h + k] = -sin[k];
      }
    } else {
      lastRadix2 = null;
    }
  }

  /**
   * The size of the sub-transforms the radix-4 stages build up to: n for even log2(n), else n/2
   * (then a radix-2 stage with twiddles makes n: it runs on the vector path too, where a first
   * radix-2 stage would not).
   */
  private static int radix4Top(int n) {
    return Integer.numberOfTrailingZeros(n) % 2 == 1 ? n / 2 : n;
  }

  /** The plan for length {@code n}, a power of two. */
  static FloatFft of(int n) {
    if (n < 1 || Integer.bitCount(n) != 1) {
      throw new IllegalArgumentException("FFT length must be a power of two, got " + n);
    }
    return PLANS.computeIfAbsent(n, FloatFft::new);
  }

  /** Transforms {@code re, im} (length a power of two) in place; {@code inverse} scales by 1/n. */
  static void transform(float[] re, float[] im, boolean inverse) {
    FloatFft plan = of(re.length);
    if (inverse) {
      plan.inverse(re, im);
    } else {
      plan.forward(re, im);
    }
  }

  /** X[k] = sum x[t] e^(-2 pi i k t / n), in place. */
  void forward(float[] re, float[] im) {
    run(re, im, -1);
  }

  /** x[t] = (1/n) sum X[k] e^(2 pi i k t / n), in place. */
  void inverse(float[] re, float[] im) {
    run(re, im, 1);
    float scale = 1.0f / n;
    for (int i = 0; i < n; i++) {
      re[i] *= scale;
      im[i] *= scale;
    }
  }

  /** The inverse without the 1/n scale, for callers that fold the scale into a later step. */
  void inverseUnscaled(float[] re, float[] im) {
    run(re, im, 1);
  }

  /**
   * The bit-reversal permutation: element i of the input belongs at {@code reversedIndex()[i]} for
   * the {@code ...Reordered} transforms. Shared: callers must not modify it.
   */
  int[] reversedIndex() {
    return reversed;
  }

  /**
   * {@link #forward} of an input its caller already wrote in bit-reversed order (x[t] at
   * {@code reversedIndex()[t]}): saves the permutation's own pass of scattered swaps where the
   * caller writes its input anyway (vtlp's frames and warped spectra: ~5% of vtlp measured).
   */
  void forwardReordered(float[] re, float[] im) {
    stages(re, im, -1);
  }

  /** {@link #inverseUnscaled} of a spectrum written in bit-reversed order (see {@link #forwardReordered}). */
  void inverseUnscaledReordered(float[] re, float[] im) {
    stages(re, im, 1);
  }

  private void run(float[] re, float[] im, int sign) {
    checkLengths(re, im);
    int[] s = swaps;
    for (int p = 0; p < s.length; p += 2) {
      int i = s[p];
      int j = s[p + 1];
      float t = re[i];
      re[i] = re[j];
      re[j] = t;
      t = im[i];
      im[i] = im[j];
      im[j] = t;
    }
    stages(re, im, sign);
  }

  private void checkLengths(float[] re, float[] im) {
    if (re.length != n || im.length != n) {
      throw new IllegalArgumentException("FFT of length " + n + " given arrays of " + re.length + " and " + im.length);
    }
  }

  /** The butterflies on input in bit-reversed order. */
  private void stages(float[] re, float[] im, int sign) {
    checkLengths(re, im);
    int h = 1; // half the length of the sub-transforms the next stage combines
    int top = radix4Top(n);
    // radix 4: sub-transforms of h at p0, p1 = p0 + h, p2, p3 become one of 4h (two radix-2 stages,
    // as the bit-reversed order has them): with W = e^(sign 2 pi i / 4h),
    // q1 = W^2k p1, q2 = W^k p2, q3 = W^3k p3 and a four-point DFT of (p0, q1, q2, q3)
    if (top >= 4) {
      for (int p0 = 0; p0 < n; p0 += 4) { // k = 0 only: every twiddle is 1
        butterfly(re, im, p0, 1, sign, 1, 0, 1, 0, 1, 0);
      }
      h = 4;
    }
    boolean vector = VectorPath.enabled();
    for (int stage = 0; h < top; h *= 4, stage++) {
      float[] t = stageTwiddles[stage];
      if (vector && h >= VectorPath.LANES) {
        FloatFftVector.radix4(re, im, n, h, sign, t); // the same arithmetic a vector of k at a time
        continue;
      }
      int span = 4 * h;
      for (int g = 0; g < n; g += span) {
        for (int k = 0; k < h; k++) {
          // the table holds the forward twiddles; sign * -im gives the direction's
          butterfly(re, im, g + k, h, sign, t[2 * h + k], sign * -t[3 * h + k], t[k], sign * -t[h + k],
              t[4 * h + k], sign * -t[5 * h + k]);
        }
      }
    }
    if (lastRadix2 != null) {
      // radix 2: the halves (sub-transforms of n/2) combine with w = e^(sign 2 pi i k / n)
      float[] t = lastRadix2;
      int half = n / 2;
      int k = 0;
      if (vector && half >= VectorPath.LANES) {
        FloatFftVector.radix2(re, im, half, sign, t);
        k = half;
      }
      for (; k < half; k++) {
        radix2(re, im, k, half, t[k], sign * -t[half + k]);
      }
    }
  }

  /** One radix-2 butterfly on a and a + h with twiddle w (in the transform's direction) on a + h. */
  private static void radix2(float[] re, float[] im, int a, int h, float wr, float wi) {
    int b = a + h;
    float xr = re[b] * wr - im[b] * wi;
    float xi = re[b] * wi + im[b] * wr;
    float ar = re[a];
    float ai = im[a];
    re[a] = ar + xr;
    im[a] = ai + xi;
    re[b] = ar - xr;
    im[b] = ai - xi;
  }

  /**
   * One radix-4 butterfly on p0 and the points h, 2h, 3h after it, with twiddles x1 = W^2k (for
   * p0 + h), x2 = W^k and x3 = W^3k given as (re, im) in the transform's direction.
   */
  private static void butterfly(float[] re, float[] im, int p0, int h, int sign,
      float w2r, float w2i, float w1r, float w1i, float w3r, float w3i) {
    int p1 = p0 + h;
    int p2 = p1 + h;
    int p3 = p2 + h;
    float x0r = re[p0];
    float x0i = im[p0];
    float x1r = re[p1] * w2r - im[p1] * w2i;
    float x1i = re[p1] * w2i + im[p1] * w2r;
    float x2r = re[p2] * w1r - im[p2] * w1i;
    float x2i = re[p2] * w1i + im[p2] * w1r;
    float x3r = re[p3] * w3r - im[p3] * w3i;
    float x3i = re[p3] * w3i + im[p3] * w3r;
    float ar = x0r + x1r;
    float ai = x0i + x1i;
    float br = x0r - x1r;
    float bi = x0i - x1i;
    float cr = x2r + x3r;
    float ci = x2i + x3i;
    // sign * i * (x2 - x3)
    float dr = -sign * (x2i - x3i);
    float di = sign * (x2r - x3r);
    re[p0] = ar + cr;
    im[p0] = ai + ci;
    re[p2] = ar - cr;
    im[p2] = ai - ci;
    re[p1] = br + dr;
    im[p1] = bi + di;
    re[p3] = br - dr;
    im[p3] = bi - di;
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
