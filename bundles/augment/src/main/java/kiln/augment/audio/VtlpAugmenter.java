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
 * length. (MLTK draws the factor with {@code randint}, which truncates float ranges; Kiln draws it
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
    double[] window = new double[N_FFT];
    for (int i = 0; i < N_FFT; i++) {
      window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / N_FFT); // periodic Hann
    }
    // target bin (fractional) of each source bin
    double[] target = new double[bins];
    double half = sampleRateHz / 2.0;
    for (int k = 0; k < bins; k++) {
      target[k] = warpedFrequency(k * half / (bins - 1), sampleRateHz, alpha) / half * (bins - 1);
    }
    int outLen = x.length + 2 * pad;
    double[] out = new double[outLen];
    double[] norm = new double[outLen];
    double[] re = new double[N_FFT];
    double[] im = new double[N_FFT];
    double[] wr = new double[bins];
    double[] wi = new double[bins];
    for (int f = 0; f < frames; f++) {
      int start = f * HOP - pad; // index into x of the frame's first sample
      for (int i = 0; i < N_FFT; i++) {
        int j = start + i;
        re[i] = j >= 0 && j < x.length ? x[j] * window[i] : 0;
        im[i] = 0;
      }
      Fft.transform(re, im, false);
      java.util.Arrays.fill(wr, 0);
      java.util.Arrays.fill(wi, 0);
      for (int k = 0; k < bins; k++) {
        if (k == 0 || k == bins - 1) {
          wr[k] += re[k];
          wi[k] += im[k];
          continue;
        }
        int pos = (int) Math.floor(target[k]);
        double up = target[k] - pos;
        if (pos >= bins - 1) {
          wr[bins - 1] += re[k];
          wi[bins - 1] += im[k];
          continue;
        }
        wr[pos] += (1 - up) * re[k];
        wi[pos] += (1 - up) * im[k];
        wr[pos + 1] += up * re[k];
        wi[pos + 1] += up * im[k];
      }
      // rebuild the Hermitian spectrum and invert
      for (int k = 0; k < bins; k++) {
        re[k] = wr[k];
        im[k] = wi[k];
      }
      im[0] = 0;
      im[bins - 1] = 0;
      for (int k = 1; k < bins - 1; k++) {
        re[N_FFT - k] = wr[k];
        im[N_FFT - k] = -wi[k];
      }
      Fft.transform(re, im, true);
      int base = f * HOP; // index into the padded output
      for (int i = 0; i < N_FFT && base + i < outLen; i++) {
        out[base + i] += re[i] * window[i];
        norm[base + i] += window[i] * window[i];
      }
    }
    float[] y = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      double n = norm[i + pad];
      y[i] = (float) (n > 1e-8 ? out[i + pad] / n : 0);
    }
    return y;
  }
}
