package kiln.augment.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The float FFT and real inverse against vectors worked out by hand and against the double
 * versions they replaced ({@link Fft}, {@link RealInverseFft}, themselves checked against the naive
 * DFT and {@link RecurrenceFft}): float rounding bounds the difference, ~1e-7 of the peak per stage.
 */
class FloatFftTest {
  @Test
  void fourPointTransformByHand() {
    // x = (1, 2, 3, 4): X = (10, -2+2i, -2, -2-2i), exact in float
    float[] re = {1, 2, 3, 4};
    float[] im = new float[4];
    FloatFft.transform(re, im, false);
    assertThat(re).containsExactly(10, -2, -2, -2);
    assertThat(im).containsExactly(0, 2, 0, -2);
    FloatFft.transform(re, im, true);
    assertThat(re).containsExactly(1, 2, 3, 4);
    assertThat(im).containsExactly(0, 0, 0, 0);
  }

  @Test
  void eightPointShiftedImpulseByHand() {
    // x = delta[t - 1]: X[k] = e^(-2 pi i k / 8), s = sqrt(2) / 2
    float s = (float) (Math.sqrt(2) / 2);
    float[] re = new float[8];
    float[] im = new float[8];
    re[1] = 1;
    FloatFft.of(8).forward(re, im);
    assertThat(re).containsExactly(new float[] {1, s, 0, -s, -1, -s, 0, s}, within(1e-7f));
    assertThat(im).containsExactly(new float[] {0, -s, -1, -s, 0, s, 1, s}, within(1e-7f));
  }

  @Test
  void matchesTheDoubleFftAtEverySizeUpTo32768() {
    SplittableRandom random = new SplittableRandom(8);
    for (int n = 1; n <= 32768; n *= 2) {
      for (boolean inverse : new boolean[] {false, true}) {
        float[] re = new float[n];
        float[] im = new float[n];
        double[] re2 = new double[n];
        double[] im2 = new double[n];
        for (int i = 0; i < n; i++) {
          re[i] = (float) random.nextGaussian();
          im[i] = (float) random.nextGaussian();
          re2[i] = re[i];
          im2[i] = im[i];
        }
        FloatFft.transform(re, im, inverse);
        Fft.transform(re2, im2, inverse);
        double peak = 0;
        double diff = 0;
        for (int i = 0; i < n; i++) {
          peak = Math.max(peak, Math.hypot(re2[i], im2[i]));
          diff = Math.max(diff, Math.max(Math.abs(re[i] - re2[i]), Math.abs(im[i] - im2[i])));
        }
        assertThat(diff / peak).as("n=%d inverse=%s", n, inverse).isLessThan(2e-6);
      }
    }
  }

  @Test
  void reorderedEntryPointsAreTheTransformsOnBitReversedInput() {
    SplittableRandom random = new SplittableRandom(9);
    for (int n = 1; n <= 4096; n *= 2) {
      FloatFft plan = FloatFft.of(n);
      int[] rev = plan.reversedIndex();
      float[] re = new float[n];
      float[] im = new float[n];
      float[] reR = new float[n];
      float[] imR = new float[n];
      for (int i = 0; i < n; i++) {
        re[i] = (float) random.nextGaussian();
        im[i] = (float) random.nextGaussian();
        reR[rev[i]] = re[i];
        imR[rev[i]] = im[i];
      }
      float[] re2 = re.clone();
      float[] im2 = im.clone();
      float[] reR2 = reR.clone();
      float[] imR2 = imR.clone();
      plan.forward(re, im);
      plan.forwardReordered(reR, imR);
      assertThat(reR).isEqualTo(re);
      assertThat(imR).isEqualTo(im);
      plan.inverseUnscaled(re2, im2);
      plan.inverseUnscaledReordered(reR2, imR2);
      assertThat(reR2).isEqualTo(re2);
      assertThat(imR2).isEqualTo(im2);
    }
  }

  @Test
  void realInverseMatchesTheDoubleOne() {
    SplittableRandom random = new SplittableRandom(6);
    for (int n = 2; n <= 16384; n *= 4) {
      double[][] half = RealInverseFftTest.hermitian(n, random);
      float[] re = new float[n / 2 + 1];
      float[] im = new float[n / 2 + 1];
      for (int k = 0; k <= n / 2; k++) {
        re[k] = (float) half[0][k];
        im[k] = (float) half[1][k];
        half[0][k] = re[k];
        half[1][k] = im[k];
      }
      double[] even = new double[n / 2];
      double[] odd = new double[n / 2];
      RealInverseFft.of(n).inverse(half[0], half[1], even, odd);
      float[] evenF = new float[n / 2];
      float[] oddF = new float[n / 2];
      FloatRealInverseFft.of(n).inverse(re, im, evenF, oddF);
      double peak = 0;
      double diff = 0;
      for (int m = 0; m < n / 2; m++) {
        peak = Math.max(peak, Math.max(Math.abs(even[m]), Math.abs(odd[m])));
        diff = Math.max(diff, Math.max(Math.abs(evenF[m] - even[m]), Math.abs(oddF[m] - odd[m])));
      }
      assertThat(diff / peak).as("n=%d", n).isLessThan(2e-6);
    }
  }

  @Test
  void refusesBadLengths() {
    assertThatThrownBy(() -> FloatFft.of(12)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("power of two").hasMessageContaining("12");
    assertThatThrownBy(() -> FloatFft.of(8).forward(new float[8], new float[4]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8").hasMessageContaining("4");
    assertThatThrownBy(() -> FloatRealInverseFft.of(8).inverse(new float[5], new float[5], new float[4], new float[3]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5 bins");
  }
}
