package kiln.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ResamplerTest {
  static float[] sine(double hz, int rate, int n, double amp) {
    float[] s = new float[n];
    for (int i = 0; i < n; i++) {
      s[i] = (float) (amp * Math.sin(2 * Math.PI * hz * i / rate));
    }
    return s;
  }

  /** Largest error against a sine, away from the edges. */
  static double error(float[] s, double hz, int rate, double amp) {
    double worst = 0;
    for (int i = rate / 20; i < s.length - rate / 20; i++) {
      worst = Math.max(worst, Math.abs(s[i] - amp * Math.sin(2 * Math.PI * hz * i / rate)));
    }
    return worst;
  }

  @Test
  void upsamples8kTo16kKeepingAToneIntact() {
    float[] out = Resampler.resample(sine(1000, 8000, 8000, 0.5), 8000, 16000);
    assertThat(out).hasSize(16000);
    assertThat(error(out, 1000, 16000, 0.5)).isLessThan(1e-3);
  }

  @Test
  void downsamples44k1To16kKeepingPassBandAndRemovingAliases() {
    float[] pass = Resampler.resample(sine(3000, 44100, 44100, 0.5), 44100, 16000);
    assertThat(pass).hasSize(16000);
    assertThat(error(pass, 3000, 16000, 0.5)).isLessThan(2e-3);
    // 12 kHz is above the new Nyquist (8 kHz): it must vanish instead of folding to 4 kHz
    float[] alias = Resampler.resample(sine(12000, 44100, 44100, 0.5), 44100, 16000);
    double peak = 0;
    for (int i = 1000; i < alias.length - 1000; i++) {
      peak = Math.max(peak, Math.abs(alias[i]));
    }
    assertThat(peak).isLessThan(1e-3);
  }

  @Test
  void sameRateIsACopyAndLengthsRoundUp() {
    float[] in = {0.1f, 0.2f};
    assertThat(Resampler.resample(in, 16000, 16000)).containsExactly(0.1f, 0.2f).isNotSameAs(in);
    assertThat(Resampler.resample(new float[441], 44100, 16000)).hasSize(160);
    assertThat(Resampler.resample(new float[442], 44100, 16000)).hasSize(161);
    assertThat(Resampler.resample(new float[3], 16000, 16001)).hasSize(4);
  }

  @Test
  void constantSignalStaysConstantInTheMiddle() {
    float[] ones = new float[4410];
    java.util.Arrays.fill(ones, 0.25f);
    float[] out = Resampler.resample(ones, 44100, 16000);
    assertThat((double) out[800]).isCloseTo(0.25, within(1e-4));
  }
}
