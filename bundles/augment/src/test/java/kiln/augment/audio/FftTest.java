package kiln.augment.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The FFT against the DFT's definition worked out by hand. */
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
}
