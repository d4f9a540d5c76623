package kiln.audio.frontend;

/**
 * The real-input, 16-bit fixed-point FFT of kissfft v130 (as TFLite Micro builds it: FIXED_POINT=16),
 * reproduced operation by operation: Q15 twiddles {@code floor(0.5 + 32767 * cos)}, every butterfly
 * input pre-divided by multiplying with {@code 32767 / radix} and rounding, every intermediate stored
 * back to int16 with wrap-around. The recursion of {@code kf_work} is flattened into an input
 * permutation followed by the butterfly stages, deepest first. Only power-of-two sizes (radix 4 and 2).
 *
 * <p>Immutable plan; the caller supplies the work arrays, so one plan serves many threads.
 */
final class KissFftR16 {
  private static final int SAMP_MAX = 32767;

  final int nfft; // real length
  final int ncfft; // complex length = nfft / 2
  private final int[] radix; // per stage, top first
  private final int[] span; // m of each stage
  private final int[] permutation; // complex input index for each output slot before the butterflies
  private final int[] twR;
  private final int[] twI;
  private final int[] superR;
  private final int[] superI;
  private final int[][][] stageTwiddles; // per stage: 2 * (radix - 1) arrays over k: twiddle q*k*fstride, re and im

  KissFftR16(int nfft) {
    if (nfft < 4 || Integer.bitCount(nfft) != 1) {
      throw new IllegalArgumentException("FFT length must be a power of two of at least 4, got " + nfft);
    }
    this.nfft = nfft;
    this.ncfft = nfft / 2;
    int[][] factors = factor(ncfft);
    radix = factors[0];
    span = factors[1];
    permutation = new int[ncfft];
    permute(0, 0, 1, 0);
    twR = new int[ncfft];
    twI = new int[ncfft];
    for (int i = 0; i < ncfft; i++) {
      double phase = -2 * 3.141592653589793238462643383279502884197169399375105820974944 * i / ncfft;
      twR[i] = (short) Math.floor(0.5 + SAMP_MAX * Math.cos(phase));
      twI[i] = (short) Math.floor(0.5 + SAMP_MAX * Math.sin(phase));
    }
    stageTwiddles = new int[radix.length][][];
    int stride = 1;
    for (int st = 0; st < radix.length; st++) {
      int m = span[st];
      int p = radix[st];
      int[][] t = new int[2 * (p - 1)][m];
      for (int k = 0; k < m; k++) {
        for (int q = 1; q < p; q++) {
          t[2 * (q - 1)][k] = twR[q * k * stride];
          t[2 * (q - 1) + 1][k] = twI[q * k * stride];
        }
      }
      stageTwiddles[st] = t;
      stride *= p;
    }
    superR = new int[ncfft / 2];
    superI = new int[ncfft / 2];
    for (int i = 0; i < ncfft / 2; i++) {
      double phase = -3.14159265358979323846264338327 * ((double) (i + 1) / ncfft + .5);
      superR[i] = (short) Math.floor(0.5 + SAMP_MAX * Math.cos(phase));
      superI[i] = (short) Math.floor(0.5 + SAMP_MAX * Math.sin(phase));
    }
  }

  /** Twiddle {@code i} of the complex FFT, real part (Q15). */
  int twiddleR(int i) {
    return twR[i];
  }

  /** Twiddle {@code i} of the complex FFT, imaginary part (Q15). */
  int twiddleI(int i) {
    return twI[i];
  }

  /** Super-twiddle {@code k} (for bin k + 1) of the real-to-complex split, real part. */
  int superTwiddleR(int k) {
    return superR[k];
  }

  /** Super-twiddle {@code k} of the real-to-complex split, imaginary part. */
  int superTwiddleI(int k) {
    return superI[k];
  }

  /** kf_factor: powers of 4 first, then 2 (then odd primes, which powers of two never reach). */
  private static int[][] factor(int n) {
    int[] p = new int[32];
    int[] m = new int[32];
    int count = 0;
    int radixNow = 4;
    double floorSqrt = Math.floor(Math.sqrt(n));
    do {
      while (n % radixNow != 0) {
        radixNow = switch (radixNow) {
          case 4 -> 2;
          case 2 -> 3;
          default -> radixNow + 2;
        };
        if (radixNow > floorSqrt) {
          radixNow = n;
        }
      }
      n /= radixNow;
      p[count] = radixNow;
      m[count] = n;
      count++;
    } while (n > 1);
    return new int[][] {java.util.Arrays.copyOf(p, count), java.util.Arrays.copyOf(m, count)};
  }

  /** Mirrors kf_work's leaf copies: where each complex input lands before the butterflies run. */
  private void permute(int outOffset, int inIndex, int fstride, int stage) {
    int p = radix[stage];
    int m = span[stage];
    if (m == 1) {
      for (int j = 0; j < p; j++) {
        permutation[outOffset + j] = inIndex + j * fstride;
      }
    } else {
      for (int q = 0; q < p; q++) {
        permute(outOffset + q * m, inIndex + q * fstride, fstride * p, stage + 1);
      }
    }
  }

  /**
   * kiss_fftr: transforms {@code nfft} int16 samples into {@code ncfft + 1} complex int16 bins.
   *
   * @param in real input (int16 values), length at least nfft
   * @param re work and output: real parts, length at least ncfft + 1
   * @param im work and output: imaginary parts, length at least ncfft + 1
   */
  void transform(short[] in, int[] re, int[] im) {
    int[] perm = permutation;
    int stages = radix.length;
    int last = stages - 1;
    int fstride = ncfft;
    if (radix[last] == 4) {
      // the deepest stage (m = 1, every twiddle 32767 + 0i) fused with kf_work's input copy
      fstride /= 4;
      deepestRadix4(in, re, im, perm);
      last--;
    } else {
      for (int j = 0; j < ncfft; j++) {
        int k = perm[j] << 1;
        re[j] = in[k];
        im[j] = in[k + 1];
      }
    }
    for (int s = last; s >= 0; s--) {
      int p = radix[s];
      int m = span[s];
      fstride /= p; // product of the radices above this stage
      int blockSize = p * m;
      int[][] tw = stageTwiddles[s];
      for (int b = 0; b < fstride; b++) {
        if (p == 4) {
          butterfly4(re, im, b * blockSize, tw, m);
        } else {
          butterfly2(re, im, b * blockSize, tw, m);
        }
      }
    }
    realSplit(re, im);
  }

  /** butterfly4 with m = 1 over every block, reading the permuted input directly. */
  private void deepestRadix4(short[] in, int[] re, int[] im, int[] perm) {
    final int quarter = SAMP_MAX / 4;
    for (int i0 = 0; i0 < ncfft; i0 += 4) {
      int a0 = perm[i0] << 1;
      int a1 = perm[i0 + 1] << 1;
      int a2 = perm[i0 + 2] << 1;
      int a3 = perm[i0 + 3] << 1;
      int f0r = fixDiv(in[a0], quarter);
      int f0i = fixDiv(in[a0 + 1], quarter);
      int f1r = fixDiv(in[a1], quarter);
      int f1i = fixDiv(in[a1 + 1], quarter);
      int f2r = fixDiv(in[a2], quarter);
      int f2i = fixDiv(in[a2 + 1], quarter);
      int f3r = fixDiv(in[a3], quarter);
      int f3i = fixDiv(in[a3 + 1], quarter);
      // C_MUL by the twiddle 32767 + 0i
      int s0r = (short) ((f1r * SAMP_MAX + (1 << 14)) >> 15);
      int s0i = (short) ((f1i * SAMP_MAX + (1 << 14)) >> 15);
      int s1r = (short) ((f2r * SAMP_MAX + (1 << 14)) >> 15);
      int s1i = (short) ((f2i * SAMP_MAX + (1 << 14)) >> 15);
      int s2r = (short) ((f3r * SAMP_MAX + (1 << 14)) >> 15);
      int s2i = (short) ((f3i * SAMP_MAX + (1 << 14)) >> 15);
      int s5r = (short) (f0r - s1r);
      int s5i = (short) (f0i - s1i);
      f0r = (short) (f0r + s1r);
      f0i = (short) (f0i + s1i);
      int s3r = (short) (s0r + s2r);
      int s3i = (short) (s0i + s2i);
      int s4r = (short) (s0r - s2r);
      int s4i = (short) (s0i - s2i);
      re[i0 + 2] = (short) (f0r - s3r);
      im[i0 + 2] = (short) (f0i - s3i);
      re[i0] = (short) (f0r + s3r);
      im[i0] = (short) (f0i + s3i);
      re[i0 + 1] = (short) (s5r + s4i);
      im[i0 + 1] = (short) (s5i - s4r);
      re[i0 + 3] = (short) (s5r - s4i);
      im[i0 + 3] = (short) (s5i + s4r);
    }
  }

  private static int fixDiv(int x, int factor) { // C_FIXDIV: x * (32767 / div), rounded, int16
    return (short) ((x * factor + (1 << 14)) >> 15);
  }

  private static void butterfly2(int[] re, int[] im, int base, int[][] tw, int m) {
    final int half = SAMP_MAX / 2;
    for (int k = 0; k < m; k++) {
      int a = base + k;
      int c = a + m;
      int ar = fixDiv(re[a], half);
      int ai = fixDiv(im[a], half);
      int cr = fixDiv(re[c], half);
      int ci = fixDiv(im[c], half);
      int wr = tw[0][k];
      int wi = tw[1][k];
      int tr = (short) ((cr * wr - ci * wi + (1 << 14)) >> 15);
      int ti = (short) ((cr * wi + ci * wr + (1 << 14)) >> 15);
      re[c] = (short) (ar - tr);
      im[c] = (short) (ai - ti);
      re[a] = (short) (ar + tr);
      im[a] = (short) (ai + ti);
    }
  }

  private static void butterfly4(int[] re, int[] im, int base, int[][] tw, int m) {
    final int quarter = SAMP_MAX / 4;
    final int[] tw1r = tw[0];
    final int[] tw1i = tw[1];
    final int[] tw2r = tw[2];
    final int[] tw2i = tw[3];
    final int[] tw3r = tw[4];
    final int[] tw3i = tw[5];
    for (int k = 0; k < m; k++) {
      int i0 = base + k;
      int i1 = i0 + m;
      int i2 = i1 + m;
      int i3 = i2 + m;
      int f0r = fixDiv(re[i0], quarter);
      int f0i = fixDiv(im[i0], quarter);
      int f1r = fixDiv(re[i1], quarter);
      int f1i = fixDiv(im[i1], quarter);
      int f2r = fixDiv(re[i2], quarter);
      int f2i = fixDiv(im[i2], quarter);
      int f3r = fixDiv(re[i3], quarter);
      int f3i = fixDiv(im[i3], quarter);
      int w1r = tw1r[k];
      int w1i = tw1i[k];
      int w2r = tw2r[k];
      int w2i = tw2i[k];
      int w3r = tw3r[k];
      int w3i = tw3i[k];
      int s0r = (short) ((f1r * w1r - f1i * w1i + (1 << 14)) >> 15);
      int s0i = (short) ((f1r * w1i + f1i * w1r + (1 << 14)) >> 15);
      int s1r = (short) ((f2r * w2r - f2i * w2i + (1 << 14)) >> 15);
      int s1i = (short) ((f2r * w2i + f2i * w2r + (1 << 14)) >> 15);
      int s2r = (short) ((f3r * w3r - f3i * w3i + (1 << 14)) >> 15);
      int s2i = (short) ((f3r * w3i + f3i * w3r + (1 << 14)) >> 15);
      int s5r = (short) (f0r - s1r);
      int s5i = (short) (f0i - s1i);
      f0r = (short) (f0r + s1r);
      f0i = (short) (f0i + s1i);
      int s3r = (short) (s0r + s2r);
      int s3i = (short) (s0i + s2i);
      int s4r = (short) (s0r - s2r);
      int s4i = (short) (s0i - s2i);
      re[i2] = (short) (f0r - s3r);
      im[i2] = (short) (f0i - s3i);
      re[i0] = (short) (f0r + s3r);
      im[i0] = (short) (f0i + s3i);
      re[i1] = (short) (s5r + s4i);
      im[i1] = (short) (s5i - s4r);
      re[i3] = (short) (s5r - s4i);
      im[i3] = (short) (s5i + s4r);
    }
  }

  /** The kiss_fftr post-processing that turns the half-length complex FFT into the real spectrum. */
  private void realSplit(int[] re, int[] im) {
    final int half = SAMP_MAX / 2;
    int n = ncfft;
    int dcR = fixDiv(re[0], half);
    int dcI = fixDiv(im[0], half);
    re[0] = (short) (dcR + dcI);
    re[n] = (short) (dcR - dcI);
    im[0] = 0;
    im[n] = 0;
    for (int k = 1; k <= n / 2; k++) {
      int nk = n - k;
      int pkR = fixDiv(re[k], half);
      int pkI = fixDiv(im[k], half);
      int pnkR = fixDiv(re[nk], half);
      int pnkI = fixDiv((short) -im[nk], half);
      int f1r = (short) (pkR + pnkR);
      int f1i = (short) (pkI + pnkI);
      int f2r = (short) (pkR - pnkR);
      int f2i = (short) (pkI - pnkI);
      int wr = superR[k - 1];
      int wi = superI[k - 1];
      int tr = (short) ((f2r * wr - f2i * wi + (1 << 14)) >> 15);
      int ti = (short) ((f2r * wi + f2i * wr + (1 << 14)) >> 15);
      re[k] = (short) ((f1r + tr) >> 1);
      im[k] = (short) ((f1i + ti) >> 1);
      re[nk] = (short) ((f1r - tr) >> 1);
      im[nk] = (short) ((ti - f1i) >> 1);
    }
  }
}
