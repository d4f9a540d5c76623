package kiln.micro.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Average pooling's multiply-and-shift division equals C's truncating division with TFLite
 * Micro's half-away rounding, (sum + count / 2) / count or (sum - count / 2) / count, for every
 * window size it is used for and every sum an int8 window can have.
 */
class PoolDivideTest {
  @Test
  void equalsRoundedIntegerDivisionForEveryInt8WindowSum() {
    long checked = 0;
    for (int count = 1; count < Pool2D.Int8Pool.MAX_MAGIC_COUNT; count++) {
      int half = count / 2;
      long magic = (1L << 32) / count + 1;
      for (int sum = -128 * count; sum <= 127 * count; sum++) {
        int expected = sum > 0 ? (sum + half) / count : (sum - half) / count;
        int got = Pool2D.Int8Pool.divide(sum, half, magic);
        if (got != expected) {
          assertThat(got).as("sum %d count %d", sum, count).isEqualTo(expected);
        }
        checked++;
      }
    }
    assertThat(checked).isEqualTo(31_811_749L);
  }

  @Test
  void literalCases() {
    // 2x2 window: 5/4 = 1.25 -> 1, 6/4 = 1.5 -> 2 (half away from zero), -6/4 -> -2, -5/4 -> -1
    long m4 = (1L << 32) / 4 + 1;
    assertThat(Pool2D.Int8Pool.divide(5, 2, m4)).isEqualTo(1);
    assertThat(Pool2D.Int8Pool.divide(6, 2, m4)).isEqualTo(2);
    assertThat(Pool2D.Int8Pool.divide(-6, 2, m4)).isEqualTo(-2);
    assertThat(Pool2D.Int8Pool.divide(-5, 2, m4)).isEqualTo(-1);
    // 3x3 window of 127s
    assertThat(Pool2D.Int8Pool.divide(1143, 4, (1L << 32) / 9 + 1)).isEqualTo(127);
  }
}
