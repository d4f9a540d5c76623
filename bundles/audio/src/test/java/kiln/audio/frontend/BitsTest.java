package kiln.audio.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BitsTest {
  /** The C loop (Sqrt64 falling back to Sqrt32) against the closed form used in the hot path. */
  static long reference(long n) {
    return Bits.sqrt64(n);
  }

  @Test
  void closedFormSquareRootEqualsTheBitLoop() {
    long[] edges = {0, 1, 2, 3, 4, 8, 15, 16, 17, 0xFFFF, 0x10000, 0xFFFE0001L, 0xFFFF0000L, 0xFFFFFFFFL,
        0x100000000L, 0x100000001L, (1L << 52) - 1, 1L << 52, (1L << 53) + 1, Long.MAX_VALUE, -1L, -2L, 1L << 63};
    for (long n : edges) {
      assertThat(Bits.sqrtRounded(n)).as("sqrt of %s", Long.toUnsignedString(n)).isEqualTo(reference(n));
    }
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 200_000; i++) {
      long n = r.nextLong() >>> r.nextInt(64);
      assertThat(Bits.sqrtRounded(n)).as("sqrt of %s", Long.toUnsignedString(n)).isEqualTo(reference(n));
      long k = n >>> 32;
      long sq = k * k;
      for (long d = -1; d <= 1; d++) {
        assertThat(Bits.sqrtRounded(sq + d + k)).isEqualTo(reference(sq + d + k));
      }
    }
  }

  @Test
  void shortPathSquareRootEqualsTheBitLoop() {
    SplittableRandom r = new SplittableRandom(2);
    for (int i = 0; i < 300_000; i++) {
      long n = r.nextLong() >>> r.nextInt(64);
      assertThat(Bits.sqrtRoundedFast(n)).as("sqrt of %s", Long.toUnsignedString(n)).isEqualTo(reference(n));
      long k = (n >>> 38) + r.nextInt(3); // integer roots up to 2^26 and their neighbours
      for (long d = -1; d <= 1; d++) {
        long m = k * k + d;
        assertThat(Bits.sqrtRoundedFast(m)).as("sqrt of %s", m).isEqualTo(reference(m));
        assertThat(Bits.sqrtRoundedFast(m + k)).as("sqrt of %s", m + k).isEqualTo(reference(m + k));
      }
    }
    long[] edges = {0, 1, 2, 0xFFFE0001L, 0xFFFF0000L, 0xFFFF0001L, 0xFFFFFFFFL, 1L << 32, (1L << 52) - 1, 1L << 52,
        ((1L << 26) - 1) * ((1L << 26) - 1), (1L << 26) * (1L << 26) - 1, -1L};
    for (long n : edges) {
      assertThat(Bits.sqrtRoundedFast(n)).as("sqrt of %s", Long.toUnsignedString(n)).isEqualTo(reference(n));
    }
  }

  @Test
  void sqrt32RoundsToNearestAndCapsAt16Bits() {
    assertThat(Bits.sqrt32(15)).isEqualTo(4); // 3.87
    assertThat(Bits.sqrt32(12)).isEqualTo(3); // 3.46
    assertThat(Bits.sqrt32(0xFFFFFFFFL)).isEqualTo(0xFFFF);
    assertThat(Bits.msb32(0)).isZero();
    assertThat(Bits.msb32(1)).isEqualTo(1);
    assertThat(Bits.msb32(0x80000000L)).isEqualTo(32);
  }
}
