package kiln.augment.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The FFT against vectors worked out by hand, the DFT's definition summed naively, and the
 * radix-2 recurrence FFT it replaced ({@link RecurrenceFft}).
 */
class FftTest {
  @Test
  void fourPointTransformByHand() {
    // x = (1, 2, 3, 4): X[k] = sum x[t] e^(-2 pi i k t / 4) = (10, -2+2i, -2, -2-2i)
    double[] re = {1, 2, 3, 4};
    double[] im = new double[4];
    Fft.transform(re, im, false);
    assertThat(re).containsExactly(new double[] {10, -2, -2, -2}, within(1e-12));
    assertThat(im).containsExactly(new double[] {0, 2, 0, -2}, within(1e-12));
    // the inverse scales by 1/n and gives x back
    Fft.transform(re, im, true);
    assertThat(re).containsExactly(new double[] {1, 2, 3, 4}, within(1e-12));
    assertThat(im).containsExactly(new double[] {0, 0, 0, 0}, within(1e-12));
  }

  @Test
  void twoPointTransformByHand() {
    // (3, 5i): X[0] = 3 + 5i, X[1] = 3 - 5i
    double[] re = {3, 0};
    double[] im = {0, 5};
    Fft.of(2).forward(re, im);
    assertThat(re).containsExactly(new double[] {3, 3}, within(1e-15));
    assertThat(im).containsExactly(new double[] {5, -5}, within(1e-15));
  }

  @Test
  void eightPointShiftedImpulseByHand() {
    // x = delta[t - 1]: X[k] = e^(-2 pi i k / 8), with s = sqrt(2) / 2:
    // 1, s - si, -i, -s - si, -1, -s + si, i, s + si (a radix-2 stage, then a radix-4 one)
    double s = Math.sqrt(2) / 2;
    double[] re = new double[8];
    double[] im = new double[8];
    re[1] = 1;
    Fft.of(8).forward(re, im);
    assertThat(re).containsExactly(new double[] {1, s, 0, -s, -1, -s, 0, s}, within(1e-15));
    assertThat(im).containsExactly(new double[] {0, -s, -1, -s, 0, s, 1, s}, within(1e-15));
    // the inverse direction: e^(+2 pi i k / 8) summed over k with 1/8 gives the impulse back
    Fft.of(8).inverse(re, im);
    assertThat(re).containsExactly(new double[] {0, 1, 0, 0, 0, 0, 0, 0}, within(1e-15));
    assertThat(im).containsExactly(new double[8], within(1e-15));
  }

  @Test
  void matchesTheNaiveDftForEverySizeUpTo4096() {
    SplittableRandom random = new SplittableRandom(3);
    for (int n = 1; n <= 4096; n *= 2) {
      for (boolean inverse : new boolean[] {false, true}) {
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
          re[i] = random.nextDouble(-1, 1);
          im[i] = random.nextDouble(-1, 1);
        }
        double[][] expected = naiveDft(re, im, inverse);
        Fft.transform(re, im, inverse);
        // rounding grows with log n in the FFT but with n in the naive sum
        double tolerance = 1e-12 * n * (inverse ? 1.0 / n : 1);
        assertThat(re).as("re, n=%d inverse=%s", n, inverse).containsExactly(expected[0], within(Math.max(tolerance, 1e-13)));
        assertThat(im).as("im, n=%d inverse=%s", n, inverse).containsExactly(expected[1], within(Math.max(tolerance, 1e-13)));
      }
    }
  }

  @Test
  void matchesTheRecurrenceFftAtTheAugmentersSizes() {
    SplittableRandom random = new SplittableRandom(8);
    for (int n : new int[] {2048, 16384, 32768}) {
      for (boolean inverse : new boolean[] {false, true}) {
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
          re[i] = random.nextGaussian();
          im[i] = random.nextGaussian();
        }
        double[] re2 = re.clone();
        double[] im2 = im.clone();
        Fft.transform(re, im, inverse);
        RecurrenceFft.transform(re2, im2, inverse);
        double peak = 0;
        double diff = 0;
        for (int i = 0; i < n; i++) {
          peak = Math.max(peak, Math.hypot(re2[i], im2[i]));
          diff = Math.max(diff, Math.max(Math.abs(re[i] - re2[i]), Math.abs(im[i] - im2[i])));
        }
        // measured ~1e-15 of the peak; the recurrence's own drift is the larger error of the two
        assertThat(diff / peak).as("n=%d inverse=%s", n, inverse).isLessThan(1e-12);
      }
    }
  }

  @Test
  void reorderedEntryPointsAreTheTransformsOnBitReversedInput() {
    SplittableRandom random = new SplittableRandom(9);
    for (int n = 1; n <= 4096; n *= 2) {
      Fft plan = Fft.of(n);
      int[] rev = plan.reversedIndex();
      double[] re = new double[n];
      double[] im = new double[n];
      double[] reR = new double[n];
      double[] imR = new double[n];
      for (int i = 0; i < n; i++) {
        re[i] = random.nextGaussian();
        im[i] = random.nextGaussian();
        reR[rev[i]] = re[i];
        imR[rev[i]] = im[i];
      }
      double[] re2 = re.clone();
      double[] im2 = im.clone();
      double[] reR2 = reR.clone();
      double[] imR2 = imR.clone();
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
  void refusesLengthsThatAreNotPowersOfTwo() {
    assertThatThrownBy(() -> Fft.of(12)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("power of two").hasMessageContaining("12");
    assertThatThrownBy(() -> Fft.of(8).forward(new double[8], new double[4]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8").hasMessageContaining("4");
  }

  /** X[k] = sum x[t] e^(-+2 pi i k t / n) straight from the definition ((1/n) for the inverse). */
  static double[][] naiveDft(double[] re, double[] im, boolean inverse) {
    int n = re.length;
    double[] outRe = new double[n];
    double[] outIm = new double[n];
    double sign = inverse ? 1 : -1;
    for (int k = 0; k < n; k++) {
      double sr = 0;
      double si = 0;
      for (int t = 0; t < n; t++) {
        double angle = sign * 2 * Math.PI * ((long) k * t % n) / n;
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        sr += re[t] * c - im[t] * s;
        si += re[t] * s + im[t] * c;
      }
      outRe[k] = inverse ? sr / n : sr;
      outIm[k] = inverse ? si / n : si;
    }
    return new double[][] {outRe, outIm};
  }
}
