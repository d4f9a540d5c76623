package kiln.platform.cortexm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NnlsTest {
  @Test
  void aNegativeUnconstrainedComponentIsClampedToZero() {
    // identity, b = (1, -1): the best non-negative x is (1, 0)
    assertThat(Nnls.solve(new double[][] {{1, 0}, {0, 1}}, new double[] {1, -1}))
        .containsExactly(new double[] {1, 0}, within(1e-12));
  }

  @Test
  void anExactNonNegativeSolutionIsFound() {
    // rows (1,0), (0,1), (1,1) and b = (1, 2, 3): x = (1, 2) fits every row
    assertThat(Nnls.solve(new double[][] {{1, 0}, {0, 1}, {1, 1}}, new double[] {1, 2, 3}))
        .containsExactly(new double[] {1, 2}, within(1e-12));
  }

  @Test
  void anInterceptWithANegativeSlopeFallsBackToTheMean() {
    // b = 3, 2, 1 at t = 1, 2, 3: least squares is 4 - t (slope -1); with the slope held at 0 the
    // intercept is the mean, 2, and the slope's gradient 1*1 + 2*0 + 3*(-1) = -2 keeps it there
    assertThat(Nnls.solve(new double[][] {{1, 1}, {1, 2}, {1, 3}}, new double[] {3, 2, 1}))
        .containsExactly(new double[] {2, 0}, within(1e-12));
  }

  @Test
  void columnsOfVeryDifferentScaleAndAZeroColumn() {
    // cycles = 500 + 3 per MAC over MAC counts of 1e3..1e6; the zero column stays 0
    double[][] a = {{1, 1e3, 0}, {1, 1e4, 0}, {1, 1e5, 0}, {1, 1e6, 0}};
    double[] b = {3500, 30500, 300500, 3000500};
    assertThat(Nnls.solve(a, b)).containsExactly(new double[] {500, 3, 0}, within(1e-6));
  }

  /** On random problems the result satisfies the optimality (KKT) conditions of NNLS. */
  @Test
  void randomProblemsMeetTheOptimalityConditions() {
    Random r = new Random(7);
    for (int trial = 0; trial < 200; trial++) {
      int m = 2 + r.nextInt(12);
      int n = 1 + r.nextInt(Math.min(m, 5));
      double[][] a = new double[m][n];
      double[] b = new double[m];
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          a[i][j] = r.nextGaussian();
        }
        b[i] = r.nextGaussian();
      }
      double[] x = Nnls.solve(a, b);
      double[] w = Nnls.gradient(a, b, x);
      for (int j = 0; j < n; j++) {
        assertThat(x[j]).isGreaterThanOrEqualTo(0);
        assertThat(w[j]).as("trial %d gradient %d", trial, j).isLessThan(1e-9);
        if (x[j] > 0) {
          assertThat(w[j]).as("trial %d gradient %d", trial, j).isCloseTo(0, within(1e-9));
        }
      }
    }
  }
}
