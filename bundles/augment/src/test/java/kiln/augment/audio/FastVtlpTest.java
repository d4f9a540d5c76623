package kiln.augment.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The warp on the planned FFT (folded scales, cached normalisation) against the warp as it was
 * before issue 21 ({@link ReferenceVtlp}, on {@link RecurrenceFft}): the same factor gives the same
 * clip up to rounding, at most 1e-5 of the reference's peak (measured ~1e-15).
 */
class FastVtlpTest {
  static final int RATE = 16000;

  @Test
  void matchesTheReferenceWarpOnSpeechLikeClips() {
    SplittableRandom random = new SplittableRandom(21);
    // 1 s clips as the generator makes them, and lengths that end mid-frame, a single frame, an odd
    // frame count (the last FFT carries one frame)
    int[] lengths = {16000, 16000, 16000, 16384, 5000, 1000, 512, 100, 1};
    for (int c = 0; c < lengths.length; c++) {
      float[] x = clip(lengths[c], random);
      double alpha = 0.7 + 0.7 * random.nextDouble();
      float[] expected = ReferenceVtlp.warp(x.clone(), RATE, alpha);
      float[] actual = VtlpAugmenter.warp(x.clone(), RATE, alpha);
      assertThat(actual).hasSameSizeAs(expected);
      double peak = 0;
      double diff = 0;
      for (int i = 0; i < x.length; i++) {
        peak = Math.max(peak, Math.abs(expected[i]));
        diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
      }
      assertThat(diff).as("length %d alpha %.3f", x.length, alpha).isLessThanOrEqualTo(1e-5 * peak);
    }
  }

  @Test
  void anotherSampleRateAndTheIdentityFactor() {
    float[] x = clip(8000, new SplittableRandom(2));
    for (double alpha : new double[] {1.0, 0.7, 1.4}) {
      float[] expected = ReferenceVtlp.warp(x.clone(), 8000, alpha);
      float[] actual = VtlpAugmenter.warp(x.clone(), 8000, alpha);
      for (int i = 0; i < x.length; i++) {
        assertThat((double) Math.abs(actual[i] - expected[i])).isLessThanOrEqualTo(1e-5);
      }
    }
  }

  /** Tones with a moving pitch, noise and silence at both ends, peak about 0.5. */
  static float[] clip(int length, SplittableRandom random) {
    float[] x = new float[length];
    double f0 = 100 + 300 * random.nextDouble();
    double phase = 0;
    for (int t = length / 10; t < length * 9 / 10; t++) {
      phase += 2 * Math.PI * f0 * (1 + 0.3 * Math.sin(t / 3000.0)) / RATE;
      x[t] = (float) (0.2 * Math.sin(phase) + 0.1 * Math.sin(3 * phase) + 0.05 * random.nextGaussian());
    }
    return x;
  }
}
