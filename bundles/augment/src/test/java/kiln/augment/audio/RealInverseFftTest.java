package kiln.augment.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The half-size inverse of a Hermitian spectrum against a hand-worked vector, the naive inverse
 * DFT, and the full-length complex inverse the noise colours used before ({@link RecurrenceFft}).
 */
class RealInverseFftTest {
  @Test
  void fourPointInverseByHand() {
    // bins 0..2 of x = (1, 2, 3, 4) are 10, -2+2i, -2 (FftTest); x comes back as even (1, 3), odd (2, 4)
    double[] even = new double[2];
    double[] odd = new double[2];
    RealInverseFft.of(4).inverse(new double[] {10, -2, -2}, new double[] {0, 2, 0}, even, odd);
    assertThat(even).containsExactly(new double[] {1, 3}, within(1e-15));
    assertThat(odd).containsExactly(new double[] {2, 4}, within(1e-15));
  }

  @Test
  void matchesTheNaiveInverseDft() {
    SplittableRandom random = new SplittableRandom(5);
    for (int n = 2; n <= 1024; n *= 2) {
      double[][] half = hermitian(n, random);
      double[][] full = full(half, n);
      double[][] expected = FftTest.naiveDft(full[0], full[1], true);
      double[] even = new double[n / 2];
      double[] odd = new double[n / 2];
      RealInverseFft.of(n).inverse(half[0], half[1], even, odd);
      for (int t = 0; t < n; t++) {
        double x = (t & 1) == 0 ? even[t / 2] : odd[t / 2];
        assertThat(x).as("n=%d t=%d", n, t).isCloseTo(expected[0][t], within(1e-13));
        assertThat(expected[1][t]).isCloseTo(0, within(1e-13)); // a real signal, as the test assumes
      }
    }
  }

  @Test
  void matchesTheFullLengthRecurrenceInverseAt16384() {
    int n = 16384;
    double[][] half = hermitian(n, new SplittableRandom(6));
    double[][] full = full(half, n);
    RecurrenceFft.transform(full[0], full[1], true);
    double[] even = new double[n / 2];
    double[] odd = new double[n / 2];
    RealInverseFft.of(n).inverse(half[0], half[1], even, odd);
    double peak = 0;
    double diff = 0;
    for (int t = 0; t < n; t++) {
      peak = Math.max(peak, Math.abs(full[0][t]));
      diff = Math.max(diff, Math.abs(((t & 1) == 0 ? even[t / 2] : odd[t / 2]) - full[0][t]));
    }
    assertThat(diff / peak).isLessThan(1e-12);
  }

  @Test
  void refusesBadLengths() {
    assertThatThrownBy(() -> RealInverseFft.of(6)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("power of two").hasMessageContaining("6");
    assertThatThrownBy(() -> RealInverseFft.of(8).inverse(new double[5], new double[5], new double[4], new double[3]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5 bins");
  }

  /** Bins 0..n/2 of random values, bins 0 and n/2 real. */
  static double[][] hermitian(int n, SplittableRandom random) {
    double[] re = new double[n / 2 + 1];
    double[] im = new double[n / 2 + 1];
    for (int k = 0; k <= n / 2; k++) {
      re[k] = random.nextGaussian();
      im[k] = k == 0 || k == n / 2 ? 0 : random.nextGaussian();
    }
    return new double[][] {re, im};
  }

  /** All n bins: X[n - k] = conj X[k]. */
  static double[][] full(double[][] half, int n) {
    double[] re = new double[n];
    double[] im = new double[n];
    for (int k = 0; k <= n / 2; k++) {
      re[k] = half[0][k];
      im[k] = half[1][k];
      if (k > 0 && k < n / 2) {
        re[n - k] = half[0][k];
        im[n - k] = -half[1][k];
      }
    }
    return new double[][] {re, im};
  }
}
