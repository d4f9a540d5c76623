package kiln.micro;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import kiln.micro.reference.QuantArith;
import kiln.micro.reference.QuantRows;
import org.junit.jupiter.api.Test;

/** The vectorizable row requantization equals the scalar reference for every input tried. */
class QuantRowsTest {
  private static int reference(int x, int m, int shift, int zp, int lo, int hi) {
    int v = QuantArith.multiplyByQuantizedMultiplier(x, m, shift) + zp;
    return Math.min(Math.max(v, lo), hi);
  }

  private static int value(Random r, int i) {
    switch (i % 6) {
      case 0:
        return r.nextInt();
      case 1:
        return r.nextInt(1 << 20) - (1 << 19);
      case 2:
        return Integer.MIN_VALUE + r.nextInt(4);
      case 3:
        return Integer.MAX_VALUE - r.nextInt(4);
      case 4:
        return r.nextInt(2001) - 1000;
      default:
        return r.nextInt(1 << 12) << r.nextInt(20); // exact ties for many shifts
    }
  }

  @Test
  void rowsMatchTheScalarReference() {
    Random r = new Random(7);
    int n = 512; // long rows, so the JIT's vectorized loops are the ones checked after warmup
    int[] row = new int[n];
    int[] x = new int[n];
    long mismatches = 0;
    for (int round = 0; round < 4000; round++) {
      int m = round % 9 == 0 ? Integer.MAX_VALUE
          : round % 9 == 1 ? 1 << 30 : (1 << 30) + r.nextInt(1 << 30);
      int shift = r.nextInt(32) - 31 + (round % 3 == 0 ? r.nextInt(8) : 0);
      int zp = r.nextInt(256) - 128;
      int lo = round % 5 == 0 ? Integer.MIN_VALUE : -128 + r.nextInt(3);
      int hi = round % 5 == 0 ? Integer.MAX_VALUE : 127 - r.nextInt(3);
      for (int i = 0; i < n; i++) {
        x[i] = value(r, i + round);
        if (shift > 0 && (i & 1) == 0) {
          x[i] >>= shift;
        }
        row[i] = x[i];
      }
      QuantRows.requantize(row, n, m, shift, zp, lo, hi);
      for (int i = 0; i < n; i++) {
        if (row[i] != reference(x[i], m, shift, zp, lo, hi)) {
          mismatches++;
        }
      }
    }
    assertThat(mismatches).isZero();
  }

  @Test
  void scaledRowsThenClampMatchTheReference() {
    Random r = new Random(11);
    int n = 300;
    int[][] rows = new int[6][n];
    int[][] x = new int[6][n];
    int[] m = new int[6];
    int[] s = new int[6];
    long mismatches = 0;
    for (int round = 0; round < 2000; round++) {
      for (int c = 0; c < 6; c++) {
        m[c] = (1 << 30) + r.nextInt(1 << 30);
        s[c] = r.nextInt(32) - 31 + (c == 0 ? r.nextInt(8) : 0);
        for (int i = 0; i < n; i++) {
          x[c][i] = value(r, i + round);
          rows[c][i] = x[c][i];
        }
      }
      int zp = r.nextInt(256) - 128;
      QuantRows.scaleRows(rows, 1, 6, n, m, s, zp);
      for (int c = 1; c < 6; c++) {
        for (int i = 0; i < n; i++) {
          int got = Math.min(Math.max(rows[c][i], -128), 127);
          if (got != reference(x[c][i], m[c], s[c], zp, -128, 127)) {
            mismatches++;
          }
        }
      }
      assertThat(rows[0]).isEqualTo(x[0]); // outside [from, to): untouched
    }
    assertThat(mismatches).isZero();
  }

  @Test
  void knownValues() {
    // multiplier 0.5, shift 0: the high multiply's nudge rounds 1.5 to 2 but -1.5 to -1
    int[] row = {3, -3, 5, -5, 0};
    QuantRows.requantize(row, row.length, 1 << 30, 0, 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
    assertThat(row).containsExactly(2, -1, 3, -2, 0);
    // 0.5 as 2^30 with shift -1 (= 0.25): 6 -> 1.5 -> 2, -6 -> -1.5 -> -2 (divide rounds away)
    int[] quarter = {4, 6, -6, 2};
    QuantRows.requantize(quarter, 4, 1 << 30, -1, 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
    assertThat(quarter).containsExactly(1, 2, -2, 1);
    int[] clamped = {1000, -1000, 7};
    QuantRows.requantize(clamped, 3, Integer.MAX_VALUE, 0, -128, -128, 127);
    assertThat(clamped).containsExactly(127, -128, -121);
  }
}
