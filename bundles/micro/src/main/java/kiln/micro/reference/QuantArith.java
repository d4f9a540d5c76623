package kiln.micro.reference;

/**
 * The fixed-point arithmetic of TFLite Micro's reference kernels, as static functions over ints.
 *
 * <p>Written from the documented TFLite quantization arithmetic (gemmlowp fixed point, "double
 * rounding" form, which is TFLite Micro's default: {@code TFLITE_SINGLE_ROUNDING} unset). A value
 * of {@code FixedPoint<int32, I>} is its raw int with 31-I fractional bits; products of two such
 * values are {@link #srdhm}; sums wrap like C int32 addition.
 */
public final class QuantArith {
  private QuantArith() {}

  /** gemmlowp SaturatingRoundingDoublingHighMul: round(a*b / 2^31), saturating only MIN*MIN. */
  public static int srdhm(int a, int b) {
    if (a == b && a == Integer.MIN_VALUE) {
      return Integer.MAX_VALUE;
    }
    long ab = (long) a * (long) b;
    long nudge = ab >= 0 ? (1L << 30) : (1L - (1L << 30));
    // C division truncates toward zero, as Java's does.
    return (int) ((ab + nudge) / (1L << 31));
  }

  /** gemmlowp RoundingDivideByPOT: x / 2^exponent, rounding half away from zero. */
  public static int roundingDivideByPot(int x, int exponent) {
    int mask = (int) ((1L << exponent) - 1);
    int remainder = x & mask;
    int threshold = (mask >> 1) + (x < 0 ? 1 : 0);
    return (x >> exponent) + (remainder > threshold ? 1 : 0);
  }

  /**
   * TFLite's MultiplyByQuantizedMultiplier (double rounding): a left shift for positive shifts, a
   * rounding doubling high multiply, then a rounding right shift.
   */
  public static int multiplyByQuantizedMultiplier(int x, int quantizedMultiplier, int shift) {
    int leftShift = shift > 0 ? shift : 0;
    int rightShift = shift > 0 ? 0 : -shift;
    return roundingDivideByPot(srdhm(x * (1 << leftShift), quantizedMultiplier), rightShift);
  }

  /** The same for a shift known to be >= 0 (no right shift). */
  public static int multiplyByQuantizedMultiplierGreaterThanOne(
      int x, int quantizedMultiplier, int leftShift) {
    return srdhm(x * (1 << leftShift), quantizedMultiplier);
  }

  /** The same for a shift known to be <= 0. */
  public static int multiplyByQuantizedMultiplierSmallerThanOneExp(
      int x, int quantizedMultiplier, int leftShift) {
    return roundingDivideByPot(srdhm(x, quantizedMultiplier), -leftShift);
  }

  /** The 64-bit-accumulator variant (reduced 16-bit multiplier, one rounding). */
  public static int multiplyByQuantizedMultiplier(long x, int quantizedMultiplier, int shift) {
    int reduced =
        quantizedMultiplier < 0x7FFF0000 ? ((quantizedMultiplier + (1 << 15)) >> 16) : 0x7FFF;
    int totalShift = 15 - shift;
    long r = x * reduced + (1L << (totalShift - 1));
    return (int) (r >> totalShift);
  }

  /** A multiplier and shift: {@code real ~= multiplier * 2^(shift-31)}. */
  public record Multiplier(int multiplier, int shift) {}

  /** TFLite's QuantizeMultiplier: frexp, then round the fraction to Q31. */
  public static Multiplier quantizeMultiplier(double real) {
    if (real == 0.0) {
      return new Multiplier(0, 0);
    }
    int shift = frexpExponent(real);
    double q = real / Math.pow(2, shift);
    long qFixed = (long) roundHalfAway(q * (1L << 31));
    if (qFixed == (1L << 31)) {
      qFixed /= 2;
      ++shift;
    }
    if (shift < -31) {
      shift = 0;
      qFixed = 0;
    }
    return new Multiplier((int) qFixed, shift);
  }

  /** The exponent std::frexp returns: real = f * 2^e with 0.5 <= |f| < 1. */
  public static int frexpExponent(double real) {
    if (real == 0.0 || Double.isNaN(real) || Double.isInfinite(real)) {
      return 0;
    }
    int e = Math.getExponent(real);
    if (e == Double.MIN_EXPONENT - 1) { // subnormal
      return frexpExponent(real * 0x1p64) - 64;
    }
    return e + 1;
  }

  /** C's round(): half away from zero. */
  public static double roundHalfAway(double v) {
    return v < 0 ? -Math.floor(-v + 0.5) : Math.floor(v + 0.5);
  }

  /** C's roundf() on a float value. */
  public static float roundHalfAway(float v) {
    return (float) roundHalfAway((double) v);
  }

  /** TFLite's CalculateInputRadius. */
  public static int calculateInputRadius(int inputIntegerBits, int inputLeftShift, int totalSignedBits) {
    double maxInputRescaled =
        1.0 * ((1 << inputIntegerBits) - 1) * (double) (1L << (totalSignedBits - inputIntegerBits))
            / (double) (1L << inputLeftShift);
    return (int) Math.floor(maxInputRescaled);
  }

  public static int calculateInputRadius(int inputIntegerBits, int inputLeftShift) {
    return calculateInputRadius(inputIntegerBits, inputLeftShift, 31);
  }

  // ---- gemmlowp fixed-point transcendental functions (raw int32 values) ----

  /** SaturatingRoundingMultiplyByPOT with a positive exponent (saturating left shift). */
  static int saturatingShiftLeft(int x, int exponent) {
    int threshold = (1 << (31 - exponent)) - 1;
    if (x > threshold) {
      return Integer.MAX_VALUE;
    }
    if (x < -threshold) {
      return Integer.MIN_VALUE;
    }
    return x << exponent;
  }

  /** Rescale from srcIntegerBits to dstIntegerBits. */
  static int rescale(int raw, int srcIntegerBits, int dstIntegerBits) {
    int exponent = srcIntegerBits - dstIntegerBits;
    if (exponent > 0) {
      return saturatingShiftLeft(raw, exponent);
    } else if (exponent < 0) {
      return roundingDivideByPot(raw, -exponent);
    }
    return raw;
  }

  static int roundingHalfSum(int a, int b) {
    long sum = (long) a + (long) b;
    long sign = sum >= 0 ? 1 : -1;
    return (int) ((sum + sign) / 2);
  }

  private static final int ONE_Q0 = Integer.MAX_VALUE;

  /** exp(x) for x in [-1/4, 0), Q0 in and out. */
  static int expOnIntervalBetweenNegativeOneQuarterAnd0Excl(int a) {
    final int constantTerm = 1895147668; // exp(-1/8)
    final int constant1Over3 = 715827883;
    int x = a + (1 << 28);
    int x2 = srdhm(x, x);
    int x3 = srdhm(x2, x);
    int x4 = srdhm(x2, x2);
    int x4Over4 = roundingDivideByPot(x4, 2);
    int poly = roundingDivideByPot(srdhm(x4Over4 + x3, constant1Over3) + x2, 1);
    return constantTerm + srdhm(constantTerm, x + poly);
  }

  /** exp(a) for a <= 0, a in Q(integerBits), result in Q0. */
  public static int expOnNegativeValues(int a, int integerBits) {
    int fractionalBits = 31 - integerBits;
    int oneQuarter = 1 << (fractionalBits - 2);
    int mask = oneQuarter - 1;
    int aModQuarterMinusOneQuarter = (a & mask) - oneQuarter;
    int result =
        expOnIntervalBetweenNegativeOneQuarterAnd0Excl(
            rescale(aModQuarterMinusOneQuarter, integerBits, 0));
    int remainder = aModQuarterMinusOneQuarter - a;
    result = barrel(result, remainder, integerBits, fractionalBits, -2, 1672461947);
    result = barrel(result, remainder, integerBits, fractionalBits, -1, 1302514674);
    result = barrel(result, remainder, integerBits, fractionalBits, 0, 790015084);
    result = barrel(result, remainder, integerBits, fractionalBits, 1, 290630308);
    result = barrel(result, remainder, integerBits, fractionalBits, 2, 39332535);
    result = barrel(result, remainder, integerBits, fractionalBits, 3, 720401);
    result = barrel(result, remainder, integerBits, fractionalBits, 4, 242);
    if (integerBits > 5) {
      int clamp = -(1 << (36 - integerBits));
      if (a < clamp) {
        result = 0;
      }
    }
    if (a == 0) {
      result = ONE_Q0;
    }
    return result;
  }

  private static int barrel(
      int result, int remainder, int integerBits, int fractionalBits, int exponent, int multiplier) {
    if (integerBits > exponent) {
      int shiftAmount = fractionalBits + exponent;
      if ((remainder & (1 << shiftAmount)) != 0) {
        return srdhm(result, multiplier);
      }
    }
    return result;
  }

  /** 1/(1+a) for a in (0,1), Q0 in and out (Newton-Raphson). */
  public static int oneOverOnePlusXForXIn01(int a) {
    int halfDenominator = roundingHalfSum(a, ONE_Q0);
    int x = newtonReciprocal(halfDenominator);
    // ExactMulByPot<-1> reinterprets Q2 as Q1; then Rescale<0> from 1 integer bit.
    return rescale(x, 1, 0);
  }

  /** (1-a)/(1+a) for a in (0,1), Q0 in and out. */
  static int oneMinusXOverOnePlusXForXIn01(int a) {
    int halfDenominator = roundingHalfSum(a, ONE_Q0);
    int x = newtonReciprocal(halfDenominator);
    return rescale(x - (1 << 29), 2, 0);
  }

  /** Three Newton-Raphson steps for 1/halfDenominator, result in Q2. */
  private static int newtonReciprocal(int halfDenominator) {
    final int constant48Over17 = 1515870810;
    final int constantNeg32Over17 = -1010580540;
    final int oneQ2 = 1 << 29;
    int x = constant48Over17 + srdhm(halfDenominator, constantNeg32Over17);
    for (int i = 0; i < 3; i++) {
      int halfDenominatorTimesX = srdhm(halfDenominator, x); // Q0*Q2 -> Q2
      int oneMinus = oneQ2 - halfDenominatorTimesX;
      x = x + rescale(srdhm(x, oneMinus), 4, 2); // Q2*Q2 -> Q4 -> Q2
    }
    return x;
  }

  /** gemmlowp logistic(a), a in Q(integerBits), result Q0. */
  public static int logistic(int a, int integerBits) {
    if (a == 0) {
      return 1 << 30;
    }
    int abs = a > 0 ? a : -a;
    int positive = oneOverOnePlusXForXIn01(expOnNegativeValues(-abs, integerBits));
    return a > 0 ? positive : ONE_Q0 - positive;
  }

  /** gemmlowp tanh(a), a in Q(integerBits), result Q0. */
  public static int tanh(int a, int integerBits) {
    if (a == 0) {
      return 0;
    }
    int n = a < 0 ? a : -a;
    // ExactMulByPot<1>: the same raw value read with one more integer bit.
    int t = oneMinusXOverOnePlusXForXIn01(expOnNegativeValues(n, integerBits + 1));
    return a < 0 ? -t : t;
  }

  /** TFLite's GetReciprocal: 1/x for x in Q(xIntegerDigits); returns raw Q0 and bits over unit. */
  public static long getReciprocal(int x, int xIntegerDigits) {
    int headroomPlusOne = Integer.numberOfLeadingZeros(x);
    int numBitsOverUnit = xIntegerDigits - headroomPlusOne;
    int shiftedSumMinusOne = (int) (((x & 0xFFFFFFFFL) << headroomPlusOne) - (1L << 31));
    int scale = oneOverOnePlusXForXIn01(shiftedSumMinusOne);
    return ((long) numBitsOverUnit << 32) | (scale & 0xFFFFFFFFL);
  }
}
