package kiln.augment.audio;

import java.util.Map;
import java.util.SplittableRandom;
import kiln.api.data.Augmenter;
import kiln.augment.SettingValues;
import org.osgi.service.component.annotations.Component;

/**
 * {@code vtlp_range}: vocal tract length perturbation. The clip's STFT (Hann window of 2048, hop
 * 512, centred) has its frequency axis warped by a factor drawn from the range, piecewise linearly
 * as MLTK's {@code _get_vtlp_scale_factors} (frequencies up to {@code 4800 * min(a, 1) / a} Hz are
 * multiplied by a, the rest map linearly onto the remaining band up to Nyquist), each bin's value
 * split between the two nearest target bins; the inverse STFT gives back a clip of the same
 * length. The STFT runs in float arithmetic (the output is float, and floats give the FFT's vector
 * stages twice the lanes of doubles; issue 21), within 1e-5 of the clip's peak of the double
 * version ({@code FastVtlpTest}). (MLTK draws the factor with {@code randint}, which truncates float ranges; Kiln draws it
 * uniformly.)
 */
@Component(property = {"kiln.name=" + VtlpAugmenter.NAME, "kiln.domain=audio"})
public final class VtlpAugmenter implements Augmenter {
  public static final String NAME = "vtlp_range";
  static final int N_FFT = 2048;
  static final int HOP = 512;
  static final double F_HI = 4800;

  @Override
  public String description() {
    return "warps the frequency axis (vocal tract length perturbation) by a random factor";
  }

  @Override
  public boolean enabled(Map<String, Object> settings) {
    return SettingValues.isSet(settings, NAME);
  }

  @Override
  public float[] apply(float[] sample, int sampleRateHz, Map<String, Object> settings, SplittableRandom random) {
    double alpha = Draw.uniform(random, SettingValues.range(settings, NAME));
    return warp(sample, sampleRateHz, alpha);
  }

  /** The frequency (Hz) that {@code f} moves to for warp factor {@code alpha}. */
  static double warpedFrequency(double f, int sampleRateHz, double alpha) {
    double half = sampleRateHz / 2.0;
    double fhi = Math.min(F_HI, (sampleRateHz - 1) / 2);
    double scale = fhi * Math.min(alpha, 1);
    double boundary = scale / alpha;
    if (f <= boundary) {
      return f * alpha;
    }
    return half - (half - scale) / (half - scale / alpha) * (half - f);
  }

  /** Warps {@code x} by {@code alpha}; the output has the input's length. */
  static float[] warp(float[] x, int sampleRateHz, double alpha) {
    if (x.length == 0) {
      return x;
    }
    int pad = N_FFT / 2;
    int frames = 1 + x.length / HOP;
    int bins = N_FFT / 2 + 1;
    float[] window = WINDOW;
    Scratch scratch = SCRATCH.get();
    // each source bin's value goes to bin pos[k] with weight 1 - up[k] and to pos[k] + 1 with up[k]
    int[] pos = scratch.pos;
    float[] up = scratch.up;
    double half = sampleRateHz / 2.0;
    for (int k = 0; k < bins; k++) {
      double target = warpedFrequency(k * half / (bins - 1), sampleRateHz, alpha) / half * (bins - 1);
      pos[k] = (int) Math.floor(target);
      up[k] = (float) (target - pos[k]);
    }
    int outLen = x.length + 2 * pad;
    float[] out = scratch.out(outLen);
    float[] re = scratch.re;
    float[] im = scratch.im;
    float[] yr = scratch.yr;
    float[] yi = scratch.yi;
    // two real frames per complex FFT: frame a in the real part, frame b in the imaginary part
    for (int f = 0; f < frames; f += 2) {
      boolean pair = f + 1 < frames;
      // the frames go in and the warped spectrum comes out in the FFT's bit-reversed order
      frame(x, f * HOP - pad, window, re);
      if (pair) {
        frame(x, (f + 1) * HOP - pad, window, im);
      } else {
        java.util.Arrays.fill(im, 0);
      }
      PLAN.forwardReordered(re, im);
      warpPair(re, im, pos, up, yr, yi);
      PLAN.inverseUnscaledReordered(yr, yi); // the 1/N is in SCALED_WINDOW
      overlapAdd(yr, f * HOP, out, outLen);
      if (pair) {
        overlapAdd(yi, (f + 1) * HOP, out, outLen);
      }
    }
    float[] inverseNorm = scratch.inverseNorm(x.length, frames, outLen);
    float[] y = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = out[i + pad] * inverseNorm[i + pad];
    }
    return y;
  }

  private static final FloatFft PLAN = FloatFft.of(N_FFT);
  private static final int[] REVERSED = PLAN.reversedIndex();

  /** The periodic Hann window of N_FFT samples. */
  private static final float[] WINDOW = new float[N_FFT];
  /** The window times 1/N_FFT: the synthesis window with the inverse FFT's scale folded in. */
  private static final float[] SCALED_WINDOW = new float[N_FFT];

  static {
    for (int i = 0; i < N_FFT; i++) {
      double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / N_FFT);
      WINDOW[i] = (float) w;
      SCALED_WINDOW[i] = (float) (w / N_FFT);
    }
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /** One thread's work arrays, reused from clip to clip (out is cleared for each). */
  private static final class Scratch {
    final int[] pos = new int[N_FFT / 2 + 1];
    final float[] up = new float[N_FFT / 2 + 1];
    final float[] re = new float[N_FFT];
    final float[] im = new float[N_FFT];
    final float[] yr = new float[N_FFT];
    final float[] yi = new float[N_FFT];
    float[] out = new float[0];
    /** 1 / (sum of squared windows) at each output position for clips of normLength, 0 where ~0. */
    float[] inverseNorm = new float[0];
    int normLength = -1;

    /** {@code out} of at least {@code n} zeros. */
    float[] out(int n) {
      if (out.length < n) {
        out = new float[n];
      } else {
        java.util.Arrays.fill(out, 0, n, 0);
      }
      return out;
    }

    /** The overlap-add normalisation depends only on the clip's length: made once per length. */
    float[] inverseNorm(int length, int frames, int outLen) {
      if (normLength != length) {
        // summed in double once per length, stored as floats
        double[] norm = new double[outLen];
        for (int f = 0; f < frames; f++) {
          for (int i = 0; i < N_FFT && f * HOP + i < outLen; i++) {
            norm[f * HOP + i] += (double) WINDOW[i] * WINDOW[i];
          }
        }
        float[] inverse = new float[outLen];
        for (int i = 0; i < outLen; i++) {
          inverse[i] = norm[i] > 1e-8 ? (float) (1 / norm[i]) : 0;
        }
        inverseNorm = inverse;
        normLength = length;
      }
      return inverseNorm;
    }
  }

  /** {@code dst[rev[i]] = x[start + i] * window[i]}, zero outside the clip (rev: bit reversal). */
  private static void frame(float[] x, int start, float[] window, float[] dst) {
    int[] rev = REVERSED;
    if (start >= 0 && start + N_FFT <= x.length) {
      for (int i = 0; i < N_FFT; i++) {
        dst[rev[i]] = x[start + i] * window[i];
      }
      return;
    }
    for (int i = 0; i < N_FFT; i++) {
      dst[rev[i]] = windowed(x, start + i, window[i]);
    }
  }

  private static float windowed(float[] x, int j, float w) {
    return j >= 0 && j < x.length ? x[j] * w : 0;
  }

  /**
   * Warps the spectra A (frame a) and B (frame b) of Z = FFT(a + i b) into Y = A' + i B', whose
   * inverse is a' + i b'. Each spectrum moves each bin 0 < k < N/2 to its target, split between the
   * two nearest bins, and keeps DC and Nyquist real (they take only the real parts of what lands
   * on them). As the moves are linear with real weights and A + i B = Z below Nyquist,
   * conj A + i conj B = Z above it, Y is Z's bins moved directly: Y[p] gets w Z[k] and Y[N-p] gets
   * w Z[N-k]; only DC and Nyquist need A's and B's real parts, (Re Z[k] + Re Z[N-k]) / 2 and
   * (Im Z[k] + Im Z[N-k]) / 2. Z is in natural order, Y is written in bit-reversed order.
   */
  private static void warpPair(float[] zr, float[] zi, int[] pos, float[] up, float[] yr, float[] yi) {
    int n = N_FFT;
    int nyquist = n / 2;
    int[] rev = REVERSED;
    java.util.Arrays.fill(yr, 0);
    java.util.Arrays.fill(yi, 0);
    float dcA = zr[0]; // A[0] and B[0] are real: Z[0] = A[0] + i B[0]
    float dcB = zi[0];
    float nyA = zr[nyquist];
    float nyB = zi[nyquist];
    for (int k = 1; k < nyquist; k++) {
      int p = pos[k];
      float w1 = up[k];
      float w0 = 1 - w1;
      float ar = zr[k];
      float ai = zi[k];
      float br = zr[n - k];
      float bi = zi[n - k];
      if (p >= nyquist) {
        nyA += (ar + br) * 0.5f;
        nyB += (ai + bi) * 0.5f;
        continue;
      }
      if (p == 0) {
        dcA += w0 * (ar + br) * 0.5f;
        dcB += w0 * (ai + bi) * 0.5f;
      } else {
        int q = rev[p];
        int qn = rev[n - p];
        yr[q] += w0 * ar;
        yi[q] += w0 * ai;
        yr[qn] += w0 * br;
        yi[qn] += w0 * bi;
      }
      if (p + 1 == nyquist) {
        nyA += w1 * (ar + br) * 0.5f;
        nyB += w1 * (ai + bi) * 0.5f;
      } else {
        int q = rev[p + 1];
        int qn = rev[n - p - 1];
        yr[q] += w1 * ar;
        yi[q] += w1 * ai;
        yr[qn] += w1 * br;
        yi[qn] += w1 * bi;
      }
    }
    yr[rev[0]] = dcA;
    yi[rev[0]] = dcB;
    yr[rev[nyquist]] = nyA;
    yi[rev[nyquist]] = nyB;
  }

  private static void overlapAdd(float[] frame, int base, float[] out, int outLen) {
    float[] w = SCALED_WINDOW;
    int end = Math.min(frame.length, outLen - base);
    for (int i = 0; i < end; i++) {
      out[base + i] += frame[i] * w[i];
    }
  }
}
