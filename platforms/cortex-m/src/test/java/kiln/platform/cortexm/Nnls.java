package kiln.platform.cortexm;

import java.util.ArrayList;
import java.util.List;

/**
 * Non-negative least squares, Lawson and Hanson's active-set method ("Solving Least Squares
 * Problems", 1974, chapter 23): minimise {@code |A x - b|} subject to {@code x >= 0}. Columns are
 * scaled to unit length first (the solution scales back exactly), so terms of very different
 * magnitude (calls, MACs) do not spoil the tolerance; an all-zero column gets 0.
 */
public final class Nnls {
  private static final double TOLERANCE = 1e-12;

  private Nnls() {}

  public static double[] solve(double[][] a, double[] b) {
    int m = a.length;
    int n = a[0].length;
    double[] norm = new double[n];
    double[][] s = new double[m][n];
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < m; i++) {
        norm[j] += a[i][j] * a[i][j];
      }
      norm[j] = Math.sqrt(norm[j]);
      for (int i = 0; i < m; i++) {
        s[i][j] = norm[j] == 0 ? 0 : a[i][j] / norm[j];
      }
    }
    double[] x = solveScaled(s, b, norm);
    for (int j = 0; j < n; j++) {
      x[j] = norm[j] == 0 ? 0 : x[j] / norm[j];
    }
    return x;
  }

  private static double[] solveScaled(double[][] a, double[] b, double[] norm) {
    int n = a[0].length;
    double[] x = new double[n];
    boolean[] passive = new boolean[n];
    // a column that cannot enter (dependent on the passive ones) is skipped until x moves again
    boolean[] blocked = new boolean[n];
    for (int iteration = 0; iteration < 30 * n; iteration++) {
      double[] w = gradient(a, b, x);
      int best = -1;
      for (int j = 0; j < n; j++) {
        if (!passive[j] && !blocked[j] && norm[j] > 0 && w[j] > TOLERANCE
            && (best < 0 || w[j] > w[best])) {
          best = j;
        }
      }
      if (best < 0) {
        return x;
      }
      passive[best] = true;
      double[] z = passiveSolution(a, b, passive);
      if (z[best] <= 0) {
        passive[best] = false;
        blocked[best] = true;
        continue;
      }
      java.util.Arrays.fill(blocked, false);
      while (true) {
        boolean feasible = true;
        for (int j = 0; j < n; j++) {
          feasible &= !passive[j] || z[j] > 0;
        }
        if (feasible) {
          x = z;
          break;
        }
        // step from x towards z as far as x stays non-negative; the blocking variables leave
        double alpha = 1;
        for (int j = 0; j < n; j++) {
          if (passive[j] && z[j] <= 0) {
            alpha = Math.min(alpha, x[j] / (x[j] - z[j]));
          }
        }
        for (int j = 0; j < n; j++) {
          x[j] += alpha * (z[j] - x[j]);
          if (passive[j] && x[j] <= TOLERANCE) {
            passive[j] = false;
            x[j] = 0;
          }
        }
        z = passiveSolution(a, b, passive);
      }
    }
    throw new IllegalStateException("NNLS did not converge in " + 30 * n + " iterations");
  }

  /** {@code A^T (b - A x)}: positive entries are the directions that still reduce the residual. */
  static double[] gradient(double[][] a, double[] b, double[] x) {
    int n = x.length;
    double[] w = new double[n];
    for (int i = 0; i < a.length; i++) {
      double r = b[i];
      for (int j = 0; j < n; j++) {
        r -= a[i][j] * x[j];
      }
      for (int j = 0; j < n; j++) {
        w[j] += a[i][j] * r;
      }
    }
    return w;
  }

  /** Unconstrained least squares over the passive columns; the others are 0. */
  private static double[] passiveSolution(double[][] a, double[] b, boolean[] passive) {
    List<Integer> cols = new ArrayList<>();
    for (int j = 0; j < passive.length; j++) {
      if (passive[j]) {
        cols.add(j);
      }
    }
    double[][] sub = new double[a.length][cols.size()];
    for (int i = 0; i < a.length; i++) {
      for (int k = 0; k < cols.size(); k++) {
        sub[i][k] = a[i][cols.get(k)];
      }
    }
    double[] y = leastSquares(sub, b);
    double[] z = new double[passive.length];
    for (int k = 0; k < cols.size(); k++) {
      z[cols.get(k)] = y[k];
    }
    return z;
  }

  /**
   * Least squares by Householder QR. With fewer rows than columns (or dependent columns) the
   * columns without a pivot get 0.
   */
  static double[] leastSquares(double[][] a0, double[] b0) {
    int m = a0.length;
    int n = a0[0].length;
    double[][] a = new double[m][];
    for (int i = 0; i < m; i++) {
      a[i] = a0[i].clone();
    }
    double[] b = b0.clone();
    for (int k = 0; k < Math.min(m, n); k++) {
      double alpha = 0;
      for (int i = k; i < m; i++) {
        alpha += a[i][k] * a[i][k];
      }
      alpha = Math.sqrt(alpha);
      if (alpha == 0) {
        continue;
      }
      if (a[k][k] > 0) {
        alpha = -alpha;
      }
      // v = a[k..m][k] - alpha e1; reflect the remaining columns and b by H = I - 2 v v^T / v^T v
      double[] v = new double[m];
      for (int i = k; i < m; i++) {
        v[i] = a[i][k];
      }
      v[k] -= alpha;
      double vv = 0;
      for (int i = k; i < m; i++) {
        vv += v[i] * v[i];
      }
      for (int j = k; j < n; j++) {
        double dot = 0;
        for (int i = k; i < m; i++) {
          dot += v[i] * a[i][j];
        }
        for (int i = k; i < m; i++) {
          a[i][j] -= 2 * dot / vv * v[i];
        }
      }
      double dot = 0;
      for (int i = k; i < m; i++) {
        dot += v[i] * b[i];
      }
      for (int i = k; i < m; i++) {
        b[i] -= 2 * dot / vv * v[i];
      }
    }
    double[] x = new double[n];
    for (int k = n - 1; k >= 0; k--) {
      if (k >= m) {
        continue;
      }
      double sum = b[k];
      for (int j = k + 1; j < n; j++) {
        sum -= a[k][j] * x[j];
      }
      x[k] = a[k][k] == 0 ? 0 : sum / a[k][k];
    }
    return x;
  }
}
