package kiln.augment.audio;

/**
 * {@link VtlpAugmenter}'s warp as it was before issue 21 (unchanged but for the class it lives in),
 * on {@link RecurrenceFft}: the reference the faster warp is compared with.
 */
final class ReferenceVtlp {
  private ReferenceVtlp() {}

  /** Warps {@code x} by {@code alpha}; the output has the input's length. */
  static float[] warp(float[] x, int sampleRateHz, double alpha) {
    if (x.length == 0) {
      return x;
    }
    int pad = VtlpAugmenter.N_FFT / 2;
    int frames = 1 + x.length / VtlpAugmenter.HOP;
    int bins = VtlpAugmenter.N_FFT / 2 + 1;
    double[] window = WINDOW;
    Scratch scratch = SCRATCH.get();
    // target bin (fractional) of each source bin
    double[] target = scratch.target;
    double half = sampleRateHz / 2.0;
    for (int k = 0; k < bins; k++) {
      target[k] = VtlpAugmenter.warpedFrequency(k * half / (bins - 1), sampleRateHz, alpha) / half * (bins - 1);
    }
    int outLen = x.length + 2 * pad;
    double[] out = scratch.out(outLen);
    double[] norm = scratch.norm;
    double[] re = scratch.re;
    double[] im = scratch.im;
    double[][] spec = scratch.spec; // re/im of frame a, re/im of frame b
    double[][] warped = scratch.warped;
    // two real frames per complex FFT: frame a in the real part, frame b in the imaginary part
    for (int f = 0; f < frames; f += 2) {
      boolean pair = f + 1 < frames;
      for (int i = 0; i < VtlpAugmenter.N_FFT; i++) {
        re[i] = windowed(x, f * VtlpAugmenter.HOP - pad + i, window[i]);
        im[i] = pair ? windowed(x, (f + 1) * VtlpAugmenter.HOP - pad + i, window[i]) : 0;
      }
      RecurrenceFft.transform(re, im, false);
      for (int k = 0; k < bins; k++) {
        int nk = (VtlpAugmenter.N_FFT - k) % VtlpAugmenter.N_FFT;
        spec[0][k] = (re[k] + re[nk]) / 2; // A = (Z[k] + conj Z[N-k]) / 2
        spec[1][k] = (im[k] - im[nk]) / 2;
        spec[2][k] = (im[k] + im[nk]) / 2; // B = (Z[k] - conj Z[N-k]) / 2i
        spec[3][k] = (re[nk] - re[k]) / 2;
      }
      warp(spec[0], spec[1], target, warped[0], warped[1]);
      warp(spec[2], spec[3], target, warped[2], warped[3]);
      // Y = A' + i B' with both Hermitian: the inverse gives frame a real, frame b imaginary
      for (int k = 0; k < bins; k++) {
        re[k] = warped[0][k] - warped[3][k];
        im[k] = warped[1][k] + warped[2][k];
        if (k > 0 && k < bins - 1) {
          re[VtlpAugmenter.N_FFT - k] = warped[0][k] + warped[3][k];
          im[VtlpAugmenter.N_FFT - k] = -warped[1][k] + warped[2][k];
        }
      }
      RecurrenceFft.transform(re, im, true);
      overlapAdd(re, f * VtlpAugmenter.HOP, window, out, norm, outLen);
      if (pair) {
        overlapAdd(im, (f + 1) * VtlpAugmenter.HOP, window, out, norm, outLen);
      }
    }
    float[] y = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      double n = norm[i + pad];
      y[i] = (float) (n > 1e-8 ? out[i + pad] / n : 0);
    }
    return y;
  }

  /** The periodic Hann window of VtlpAugmenter.N_FFT samples. */
  private static final double[] WINDOW = new double[VtlpAugmenter.N_FFT];

  static {
    for (int i = 0; i < VtlpAugmenter.N_FFT; i++) {
      WINDOW[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / VtlpAugmenter.N_FFT);
    }
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /** One thread's work arrays, reused from clip to clip (out and norm are cleared for each). */
  private static final class Scratch {
    final double[] target = new double[VtlpAugmenter.N_FFT / 2 + 1];
    final double[] re = new double[VtlpAugmenter.N_FFT];
    final double[] im = new double[VtlpAugmenter.N_FFT];
    final double[][] spec = new double[4][VtlpAugmenter.N_FFT / 2 + 1];
    final double[][] warped = new double[4][VtlpAugmenter.N_FFT / 2 + 1];
    double[] out = new double[0];
    double[] norm = new double[0];

    /** {@code out} and {@code norm} of at least {@code n} zeros. */
    double[] out(int n) {
      if (out.length < n) {
        out = new double[n];
        norm = new double[n];
      } else {
        java.util.Arrays.fill(out, 0, n, 0);
        java.util.Arrays.fill(norm, 0, n, 0);
      }
      return out;
    }
  }

  private static double windowed(float[] x, int j, double w) {
    return j >= 0 && j < x.length ? x[j] * w : 0;
  }

  /** Moves each bin's value to its warped position, split between the two nearest bins. */
  private static void warp(double[] xr, double[] xi, double[] target, double[] wr, double[] wi) {
    int bins = xr.length;
    java.util.Arrays.fill(wr, 0);
    java.util.Arrays.fill(wi, 0);
    wr[0] = xr[0];
    wr[bins - 1] = xr[bins - 1]; // DC and Nyquist stay (and stay real)
    for (int k = 1; k < bins - 1; k++) {
      int pos = (int) Math.floor(target[k]);
      double up = target[k] - pos;
      if (pos >= bins - 1) {
        wr[bins - 1] += xr[k];
        continue;
      }
      wr[pos] += (1 - up) * xr[k];
      wi[pos] += (1 - up) * xi[k];
      wr[pos + 1] += up * xr[k];
      wi[pos + 1] += up * xi[k];
    }
    wi[0] = 0;
    wi[bins - 1] = 0;
  }

  private static void overlapAdd(double[] frame, int base, double[] window, double[] out, double[] norm, int outLen) {
    for (int i = 0; i < frame.length && base + i < outLen; i++) {
      out[base + i] += frame[i] * window[i];
      norm[base + i] += window[i] * window[i];
    }
  }
}
