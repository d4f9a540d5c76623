package kiln.augment.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The planned FFT against the loop it replaced (kept here as written before: bit reversal by
 * counting, twiddles rotated per butterfly and restarted per block): equal bit for bit, forward and
 * inverse, for every length the augmenters use; and against the DFT's definition on a small case.
 */
class FftTest {
  static void previous(double[] re, double[] im, boolean inverse) {
    int n = re.length;
    for (int i = 1, j = 0; i < n; i++) {
      int bit = n >> 1;
      for (; (j & bit) != 0; bit >>= 1) {
        j ^= bit;
      }
      j ^= bit;
      if (i < j) {
        double t = re[i];
        re[i] = re[j];
        re[j] = t;
        t = im[i];
        im[i] = im[j];
        im[j] = t;
      }
    }
    for (int len = 2; len <= n; len <<= 1) {
      double angle = 2 * Math.PI / len * (inverse ? 1 : -1);
      double wr = Math.cos(angle);
      double wi = Math.sin(angle);
      for (int i = 0; i < n; i += len) {
        double cr = 1;
        double ci = 0;
        for (int k = 0; k < len / 2; k++) {
          int a = i + k;
          int b = a + len / 2;
          double xr = re[b] * cr - im[b] * ci;
          double xi = re[b] * ci + im[b] * cr;
          re[b] = re[a] - xr;
          im[b] = im[a] - xi;
          re[a] += xr;
          im[a] += xi;
          double t = cr * wr - ci * wi;
          ci = cr * wi + ci * wr;
          cr = t;
        }
      }
    }
    if (inverse) {
      for (int i = 0; i < n; i++) {
        re[i] /= n;
        im[i] /= n;
      }
    }
  }

  @Test
  void equalsThePreviousLoopBitForBit() {
    SplittableRandom r = new SplittableRandom(3);
    for (int n : new int[] {1, 2, 4, 8, 64, 2048, 16384, 32768}) {
      for (boolean inverse : new boolean[] {false, true}) {
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
          re[i] = r.nextDouble() - 0.5;
          im[i] = r.nextDouble() - 0.5;
        }
        double[] re2 = re.clone();
        double[] im2 = im.clone();
        Fft.transform(re, im, inverse);
        previous(re2, im2, inverse);
        assertThat(re).as("re, n=%d inverse=%s", n, inverse).isEqualTo(re2);
        assertThat(im).as("im, n=%d inverse=%s", n, inverse).isEqualTo(im2);
      }
    }
  }

  @Test
  void fourPointTransformByHand() {
    // x = (1, 2, 3, 4): X = (10, -2+2i, -2, -2-2i)
    double[] re = {1, 2, 3, 4};
    double[] im = new double[4];
    Fft.transform(re, im, false);
    assertThat(re).containsExactly(new double[] {10, -2, -2, -2}, within(1e-12));
    assertThat(im).containsExactly(new double[] {0, 2, 0, -2}, within(1e-12));
  }
}
