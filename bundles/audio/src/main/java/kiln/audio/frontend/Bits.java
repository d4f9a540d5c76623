package kiln.audio.frontend;

/** Unsigned fixed-point helpers with the semantics of the microfrontend's bits.h and filterbank.c. */
final class Bits {
  static final long U32 = 0xFFFFFFFFL;

  private Bits() {}

  /** Bits needed to hold {@code n} (unsigned 32-bit): 0 for 0, 1 for 1, 32 for 0x80000000. */
  static int msb32(long n) {
    return 64 - Long.numberOfLeadingZeros(n & U32);
  }

  /**
   * Sqrt32/Sqrt64 of filterbank.c in closed form: their bit-by-bit loop yields floor(sqrt(n)) with
   * the remainder n - f^2, then adds one when the remainder exceeds f (rounding to nearest) unless f
   * is already the largest 16-bit (for n below 2^32) or 32-bit value.
   */
  static long sqrtRounded(long n) {
    if (n == 0) {
      return 0;
    }
    long f = (long) Math.sqrt(n >= 0 ? (double) n : (double) (n >>> 1) * 2.0);
    if (f > 0xFFFFFFFFL) {
      f = 0xFFFFFFFFL;
    }
    while (Long.compareUnsigned(f * f, n) > 0) {
      f--;
    }
    while (f < 0xFFFFFFFFL && Long.compareUnsigned((f + 1) * (f + 1), n) <= 0) {
      f++;
    }
    long cap = (n >>> 32) == 0 ? 0xFFFF : 0xFFFFFFFFL;
    if (Long.compareUnsigned(n - f * f, f) > 0 && f != cap) {
      f++;
    }
    return f;
  }

  /**
   * {@link #sqrtRounded} with a short path for values below 2^52, which a double holds exactly: the
   * correctly rounded double square root is then never below the true root's floor and at most one
   * above it (below 2^26 an integer root is never within rounding distance), so one downward step
   * gives the floor.
   */
  static long sqrtRoundedFast(long n) {
    if (n < 0 || n >= (1L << 52)) {
      return sqrtRounded(n);
    }
    long f = (long) Math.sqrt((double) n);
    if (f * f > n) {
      f--;
    }
    if (n - f * f > f && f != 0xFFFF) { // 0xFFFF: Sqrt32's cap, and below 2^52 the only one reachable
      f++;
    }
    return f;
  }

  /** Integer square root of an unsigned 32-bit value, rounded as the C library does. */
  static long sqrt32(long num) {
    if (num == 0) {
      return 0;
    }
    long res = 0;
    int maxBitNumber = (32 - msb32(num)) | 1;
    long bit = 1L << (31 - maxBitNumber);
    int iterations = (31 - maxBitNumber) / 2 + 1;
    while (iterations-- > 0) {
      if (num >= res + bit) {
        num -= res + bit;
        res = (res >>> 1) + bit;
      } else {
        res >>>= 1;
      }
      bit >>>= 2;
    }
    if (num > res && res != 0xFFFF) {
      ++res;
    }
    return res;
  }

  /** Integer square root of an unsigned 64-bit value (returned as unsigned 32-bit in a long). */
  static long sqrt64(long num) {
    if ((num >>> 32) == 0) {
      return sqrt32(num);
    }
    long res = 0;
    int maxBitNumber = Long.numberOfLeadingZeros(num) | 1; // 64 - MostSignificantBit64
    long bit = 1L << (63 - maxBitNumber);
    int iterations = (63 - maxBitNumber) / 2 + 1;
    while (iterations-- > 0) {
      if (Long.compareUnsigned(num, res + bit) >= 0) {
        num -= res + bit;
        res = (res >>> 1) + bit;
      } else {
        res >>>= 1;
      }
      bit >>>= 2;
    }
    if (Long.compareUnsigned(num, res) > 0 && res != 0xFFFFFFFFL) {
      ++res;
    }
    return res & U32;
  }
}
