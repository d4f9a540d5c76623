package kiln.augment.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

/**
 * The noise colours' normal sampler against the standard normal distribution as Apache Commons
 * Math computes it (an independent implementation): moments, a Kolmogorov-Smirnov test, and the
 * share of values in the tail (beyond the ziggurat's last layer, drawn by a separate path).
 */
class ZigguratTest {
  static final int N = 1_000_000;

  static double[] draws(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = new double[N];
    for (int i = 0; i < N; i++) {
      x[i] = Draw.normal(random);
    }
    return x;
  }

  @Test
  void momentsAreTheStandardNormals() {
    double[] x = draws(1);
    double m1 = 0;
    double m2 = 0;
    double m4 = 0;
    for (double v : x) {
      m1 += v;
      m2 += v * v;
      m4 += v * v * v * v;
    }
    m1 /= N;
    m2 /= N;
    m4 /= N;
    // standard errors for N = 1e6: mean 0.001, variance sqrt(2/N) = 0.0014, fourth moment
    // sqrt((105 - 9) / N) = 0.0098; bounds at about 5 of them
    assertThat(m1).isCloseTo(0, within(0.005));
    assertThat(m2).isCloseTo(1, within(0.007));
    assertThat(m4).isCloseTo(3, within(0.05));
  }

  @Test
  void passesAKolmogorovSmirnovTestAgainstTheNormalCdf() {
    NormalDistribution normal = new NormalDistribution(null, 0, 1);
    KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
    for (long seed = 2; seed < 5; seed++) {
      double[] x = draws(seed);
      // D's 1% critical value for large N is 1.628 / sqrt(N)
      assertThat(ks.kolmogorovSmirnovStatistic(normal, x)).as("seed %d", seed).isLessThan(1.628 / Math.sqrt(N));
    }
  }

  @Test
  void tailAndCellsHaveTheirProbabilities() {
    NormalDistribution normal = new NormalDistribution(null, 0, 1);
    double[] x = draws(9);
    // beyond the last layer (3.654...): values only the tail path makes
    double pTail = 2 * normal.cumulativeProbability(-3.6541528853610088);
    long tail = java.util.Arrays.stream(x).filter(v -> Math.abs(v) > 3.6541528853610088).count();
    assertThat((double) tail).isCloseTo(N * pTail, within(5 * Math.sqrt(N * pTail)));
    // a chi-square test over 40 equiprobable cells of the normal
    int cells = 40;
    long[] counts = new long[cells];
    for (double v : x) {
      int c = (int) (normal.cumulativeProbability(v) * cells);
      counts[Math.min(c, cells - 1)]++;
    }
    double expected = (double) N / cells;
    double chi2 = 0;
    for (long c : counts) {
      chi2 += (c - expected) * (c - expected) / expected;
    }
    // chi-square with 39 degrees of freedom: 99.9th percentile 72.05
    assertThat(chi2).isLessThan(72.05);
    // symmetric, and the sign comes with the value
    long negative = java.util.Arrays.stream(x).filter(v -> v < 0).count();
    assertThat((double) negative).isCloseTo(N / 2.0, within(5 * Math.sqrt(N / 4.0)));
  }

  @Test
  void sameSeedSameValues() {
    // Arrays.equals: AssertJ's containsExactly diffs a million values pairwise
    assertThat(java.util.Arrays.equals(draws(7), draws(8))).isFalse();
    assertThat(java.util.Arrays.equals(draws(7), draws(7))).isTrue();
  }
}
