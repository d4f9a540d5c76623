package kiln.augment.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The planned FFT (tabulated twiddles and swaps) gives bit for bit the results of the FFT whose
 * twiddles were made by recurrence inside each block ({@link RecurrenceFft}, the code it replaced),
 * forward and inverse, for every size the augmenters use and some small ones.
 */
class FftTableTest {
  @Test
  void sameBitsAsTheRecurrenceFft() {
    SplittableRandom r = new SplittableRandom(21);
    for (int n : new int[] {1, 2, 4, 8, 64, 512, 2048, 16384}) {
      for (boolean inverse : new boolean[] {false, true}) {
        for (int rep = 0; rep < 3; rep++) {
          double[] re = new double[n];
          double[] im = new double[n];
          for (int i = 0; i < n; i++) {
            re[i] = r.nextGaussian();
            im[i] = rep == 0 ? 0 : r.nextGaussian() * 1e-3;
          }
          double[] re2 = re.clone();
          double[] im2 = im.clone();
          Fft.transform(re, im, inverse);
          RecurrenceFft.transform(re2, im2, inverse);
          assertThat(re).as("re n=%d inverse=%s", n, inverse).isEqualTo(re2);
          assertThat(im).as("im n=%d inverse=%s", n, inverse).isEqualTo(im2);
        }
      }
    }
  }
}
