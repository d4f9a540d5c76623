package kiln.augment.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Each colour's spectral slope fitted on a long clip: power ~ f^b with b = 0 (white), -1 (pink),
 * -2 (brown), 1 (blue), 2 (violet), the definitions of the colours. The periodogram is taken with
 * {@link RecurrenceFft} (the old transform, not the code under test), averaged over 24 bands of
 * equal width in log frequency from 50 Hz to 7.5 kHz, and b is the least-squares slope of log
 * power against log frequency.
 */
class NoiseSlopeTest {
  @Test
  void fittedSlopesAreTheColoursExponents() {
    String[] colors = {"white", "pink", "brown", "blue", "violet"};
    double[] exponents = {0, -1, -2, 1, 2};
    for (int c = 0; c < colors.length; c++) {
      assertThat(slope(colors[c], new SplittableRandom(40 + c))).as(colors[c]).isCloseTo(exponents[c], within(0.1));
    }
  }

  @Test
  void noiseIsScaledToAPeakOfOneAndIsDeterministic() {
    float[] a = NoiseColorAugmenter.noise("pink", 16000, new SplittableRandom(3));
    float[] b = NoiseColorAugmenter.noise("pink", 16000, new SplittableRandom(3));
    assertThat(a).containsExactly(b);
    float peak = 0;
    for (float v : a) {
      peak = Math.max(peak, Math.abs(v));
    }
    assertThat(peak).isEqualTo(1f);
  }

  @Test
  void floatNoiseMatchesTheDoubleReference() {
    // the same seed gives the same draws, so the float noise is the double one up to rounding
    for (String color : NoiseColorAugmenter.COLORS) {
      for (int length : new int[] {16000, 16384, 1001, 2}) {
        float[] expected = ReferenceNoise.noise(color, length, new SplittableRandom(17));
        float[] actual = NoiseColorAugmenter.noise(color, length, new SplittableRandom(17));
        double diff = 0;
        for (int i = 0; i < length; i++) {
          diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
        }
        // both have peak 1; float rounding through a 14-stage FFT is ~1e-6
        assertThat(diff).as("%s length %d", color, length).isLessThan(1e-5);
      }
    }
  }

  static double slope(String color, SplittableRandom random) {
    int n = 1 << 17; // 8.2 s at 16 kHz
    double rate = 16000;
    float[] noise = NoiseColorAugmenter.noise(color, n, random);
    double[] re = new double[n];
    double[] im = new double[n];
    for (int i = 0; i < n; i++) {
      re[i] = noise[i];
    }
    RecurrenceFft.transform(re, im, false);
    int bands = 24;
    double lo = Math.log(50);
    double hi = Math.log(7500);
    double[] logF = new double[bands];
    double[] logP = new double[bands];
    for (int b = 0; b < bands; b++) {
      int k0 = (int) Math.ceil(Math.exp(lo + (hi - lo) * b / bands) * n / rate);
      int k1 = (int) Math.ceil(Math.exp(lo + (hi - lo) * (b + 1) / bands) * n / rate);
      double power = 0;
      double logFreq = 0;
      for (int k = k0; k < k1; k++) {
        power += re[k] * re[k] + im[k] * im[k];
        logFreq += Math.log(k * rate / n);
      }
      logF[b] = logFreq / (k1 - k0);
      logP[b] = Math.log(power / (k1 - k0));
    }
    double mf = 0;
    double mp = 0;
    for (int b = 0; b < bands; b++) {
      mf += logF[b] / bands;
      mp += logP[b] / bands;
    }
    double sxy = 0;
    double sxx = 0;
    for (int b = 0; b < bands; b++) {
      sxy += (logF[b] - mf) * (logP[b] - mp);
      sxx += (logF[b] - mf) * (logF[b] - mf);
    }
    return sxy / sxx;
  }
}
