package kiln.micro.kernels;

import kiln.micro.reference.QuantArith;

/**
 * Fixed-point helpers of TFLite's kernels/internal/common.h that the math kernels need beyond
 * {@link QuantArith}: count of leading sign bits, 1/sqrt as a multiplier (RSQRT,
 * L2_NORMALIZATION), log(x) for x >= 1 (LOG_SOFTMAX), and gemmlowp's saturating power-of-two
 * scalings. Raw int32 values, C int32 wrap-around for sums.
 */
final class MathArith {
  private MathArith() {}

  /** GCC's __builtin_clrsb for int32 (redundant leading sign bits), 31 for 0 and -1. */
  static int countLeadingSignBits(int x) {
    return Integer.numberOfLeadingZeros(x >= 0 ? x : ~x) - 1;
  }

  /** SaturatingRoundingMultiplyByPOT: a saturating left shift, or a rounding right shift. */
  static int scaleByPot(int x, int exponent) {
    if (exponent == 0) {
      return x;
    }
    if (exponent < 0) {
      return QuantArith.roundingDivideByPot(x, -exponent);
    }
    int threshold = (1 << (31 - exponent)) - 1;
    if (x > threshold) {
      return Integer.MAX_VALUE;
    }
    if (x < -threshold) {
      return Integer.MIN_VALUE;
    }
    return x << exponent;
  }

  private static int saturatingAdd(int a, int b) {
    long s = (long) a + b;
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, s));
  }

  private static int saturatingSub(int a, int b) {
    long s = (long) a - b;
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, s));
  }

  private static int roundingHalfSum(int a, int b) {
    long sum = (long) a + (long) b;
    long sign = sum >= 0 ? 1 : -1;
    return (int) ((sum + sign) / 2);
  }

  /**
   * GetInvSqrtQuantizedMultiplierExp with reverse_shift -1: 1/sqrt(input) as {multiplier, shift}
   * (shift as a left shift), by five Newton-Raphson steps in Q3.28. Inputs 0 and 1 give
   * {INT32_MAX, 0}.
   */
  static int[] invSqrtMultiplier(int input) {
    if (input <= 1) {
      return new int[] {Integer.MAX_VALUE, 0};
    }
    int shift = 11;
    while (input >= (1 << 29)) {
      input /= 4;
      ++shift;
    }
    int maxLeftShiftBits = Integer.numberOfLeadingZeros(input) - 1;
    int leftShiftBitPairs = maxLeftShiftBits / 2 - 1;
    shift -= leftShiftBitPairs;
    input <<= 2 * leftShiftBitPairs;
    int fixedInput = input >> 1; // Q3.28
    int halfInput = QuantArith.roundingDivideByPot(fixedInput, 1);
    final int halfThree = (1 << 28) + (1 << 27);
    int x = 1 << 28; // one in Q3.28
    for (int i = 0; i < 5; i++) {
      // x*x*x is Q9: back to Q3 by a saturating left shift of 6; products of Q3s are Q6
      int x3 = scaleByPot(QuantArith.srdhm(QuantArith.srdhm(x, x), x), 6);
      x = scaleByPot(QuantArith.srdhm(halfThree, x) - QuantArith.srdhm(halfInput, x3), 3);
    }
    x = QuantArith.srdhm(x, 1518500250); // times sqrt(2)/2
    if (shift < 0) {
      x <<= -shift;
      shift = 0;
    }
    return new int[] {x, -shift};
  }

  /**
   * log(x) for x >= 1: x in Q(inputIntegerBits), result in Q(outputIntegerBits)
   * (log_x_for_x_greater_than_or_equal_to_1_impl).
   */
  static int logXGreaterOrEqualOne(int input, int inputIntegerBits, int outputIntegerBits) {
    final int accumBits = outputIntegerBits + 1;
    final int log2 = 1488522236;
    final int sqrtSqrtHalf = 1805811301;
    final int sqrtHalf = 1518500250;
    final int oneQuarter = 536870912;
    final int alphaN = 117049297;
    final int alphaD = 127690142;
    final int alphaI = 1057819769;
    final int alphaF = 638450708;
    int shiftedQuarter = scaleByPot(oneQuarter, -accumBits);
    int zA = input;
    int zAHeadroomPlus1 = Integer.numberOfLeadingZeros(zA);
    int rATmp = scaleByPot(zA, zAHeadroomPlus1 - 1);
    int rARaw = scaleByPot(QuantArith.srdhm(rATmp, sqrtHalf), 1);
    int zAPow2Adj = saturatingAdd(
        scaleByPot(inputIntegerBits - zAHeadroomPlus1, 31 - accumBits), shiftedQuarter);
    int zB = QuantArith.srdhm(zA, sqrtHalf);
    int zBHeadroom = Integer.numberOfLeadingZeros(zB) - 1;
    int rBRaw = scaleByPot(zA, zBHeadroom);
    int zBPow2Adj = saturatingSub(
        scaleByPot(inputIntegerBits - zBHeadroom, 31 - accumBits), shiftedQuarter);
    int r = Math.min(rARaw, rBRaw);
    int zPow2Adj = Math.max(zAPow2Adj, zBPow2Adj);
    int p = roundingHalfSum(r, sqrtSqrtHalf);
    int q = r - sqrtSqrtHalf;
    q = q + q;
    int commonSq = QuantArith.srdhm(q, q);
    int num = QuantArith.srdhm(q, r) + QuantArith.srdhm(QuantArith.srdhm(q, commonSq), alphaN);
    int denomMinusOne = QuantArith.srdhm(p, alphaI + q + QuantArith.srdhm(alphaD, commonSq))
        + QuantArith.srdhm(alphaF, q);
    int recipDenom = QuantArith.oneOverOnePlusXForXIn01(denomMinusOne);
    int numScaled = scaleByPot(num, -accumBits);
    int sum = QuantArith.srdhm(zPow2Adj, log2) + QuantArith.srdhm(numScaled, recipDenom);
    return scaleByPot(sum, accumBits - outputIntegerBits);
  }

  /** TFLite Micro's BroadcastBinaryOpSimple handles up to 8 dimensions. */
  static final int MAX_BROADCAST_RANK = 8;

  /** The numpy broadcast of two shapes, of at most maxRank dimensions. */
  static int[] broadcastShape(Prep p, int[] a, int[] b, int maxRank) {
    int rank = Math.max(a.length, b.length);
    p.require(rank <= maxRank, "broadcasting supports up to " + maxRank + " dimensions, found "
        + rank);
    int[] r = new int[rank];
    for (int i = 0; i < rank; i++) {
      int da = i - (rank - a.length) >= 0 ? a[i - (rank - a.length)] : 1;
      int db = i - (rank - b.length) >= 0 ? b[i - (rank - b.length)] : 1;
      p.require(da == db || da == 1 || db == 1, "shapes " + java.util.Arrays.toString(a)
          + " and " + java.util.Arrays.toString(b) + " do not broadcast");
      r[i] = da == 1 ? db : da;
    }
    return r;
  }

  /** Broadcast index maps of two inputs to their common shape, or null when equal shapes. */
  static int[][] broadcast(Prep p, Tensor a, Tensor b, Tensor out, int maxRank) {
    int[] shape = broadcastShape(p, a.shape, b.shape, maxRank);
    p.requireShape(out, shape);
    int[] ia = java.util.Arrays.equals(a.shape, shape) ? null : Binary.indexMap(a.shape, shape);
    int[] ib = java.util.Arrays.equals(b.shape, shape) ? null : Binary.indexMap(b.shape, shape);
    return new int[][] {ia, ib};
  }
}
