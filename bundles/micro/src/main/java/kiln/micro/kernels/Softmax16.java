package kiln.micro.kernels;

import kiln.micro.reference.QuantArith;

/**
 * SOFTMAX with int16 input and output (16x8), as TFLite Micro's SoftmaxInt16: input differences
 * scaled so that [-65535, 0] spans [-10, 0], exp and 1/(1+x) from two 513-entry tables with linear
 * interpolation (LUTPopulateInt16, LUTLookup in kernels/internal/common.h, computed here at prepare
 * in float as there), output scale 1/32768 and zero point 0.
 */
final class Softmax16 extends Kernel {
  private static final int LUT_STEPS = 512;
  private final short[] in;
  private final short[] out;
  private final int outer;
  private final int depth;
  private final int multiplier;
  private final int shift;
  private final short[] expLut;
  private final short[] reciprocalLut;

  private Softmax16(Tensor in, Tensor out, int outer, int depth, QuantArith.Multiplier m) {
    this.in = in.i16;
    this.out = out.i16;
    this.outer = outer;
    this.depth = depth;
    this.multiplier = m.multiplier();
    this.shift = m.shift();
    float range = Short.MAX_VALUE - Short.MIN_VALUE;
    this.expLut = lut(10.0f / range, Short.MAX_VALUE, 2.0f / range, 0, v -> (float) Math.exp(v));
    this.reciprocalLut = lut(1.0f / range, Short.MIN_VALUE, 2.0f / range, 0, v -> 1.0f / (1.0f + v));
  }

  static Kernel prepare(Prep p, Tensor input, Tensor output, int outer, int depth, float beta) {
    p.requireQuantized(input, "input");
    p.require(input.zeroPoint() == 0 && output.zeroPoint() == 0, "int16 input and output must have zero point 0,"
        + " found " + input.zeroPoint() + " and " + output.zeroPoint());
    p.require(Math.abs(output.scale() - 1f / 32768) <= 0.001f / 32768, "int16 output '" + output.name()
        + "' must have scale 1/32768, found " + output.scale());
    double rescale = (double) input.scale() * (double) beta / (10.0 / 65535.0);
    return new Softmax16(input, output, outer, depth, QuantArith.quantizeMultiplier(rescale));
  }

  private interface FloatFunction {
    float apply(float v);
  }

  /** LUTPopulateInt16<float>: 512 samples nudged so that the interpolated midpoints are right, plus the end. */
  private static short[] lut(float inScale, int inZp, float outScale, int outZp, FloatFunction f) {
    float inMin = inScale * (Short.MIN_VALUE - inZp);
    float inMax = inScale * (Short.MAX_VALUE - inZp);
    float outMin = outScale * (Short.MIN_VALUE - outZp);
    float outMax = outScale * (Short.MAX_VALUE - outZp);
    float step = (inMax - inMin) / LUT_STEPS;
    float halfStep = step / 2;
    float scalingInv = (float) (Short.MAX_VALUE - Short.MIN_VALUE + 1) / (outMax - outMin);
    float lo = Short.MIN_VALUE;
    float hi = Short.MAX_VALUE;
    short[] lut = new short[LUT_STEPS + 1];
    for (int i = 0; i < LUT_STEPS; i++) {
      float val = f.apply(inMin + i * step);
      float valMid = f.apply(inMin + i * step + halfStep);
      float valNext = f.apply(inMin + (i + 1) * step);
      float sample = round(val * scalingInv);
      float midInterp = round((valNext * scalingInv + round(val * scalingInv)) / 2);
      float mid = round(valMid * scalingInv);
      float bias = round((midInterp - mid) / 2);
      lut[i] = (short) Math.min(Math.max(sample - bias, lo), hi);
    }
    lut[LUT_STEPS] = (short) Math.min(Math.max(round(f.apply(inMax) * scalingInv), lo), hi);
    return lut;
  }

  /** TfLiteRound on float: half away from zero. */
  private static float round(float v) {
    return (float) QuantArith.roundHalfAway(v);
  }

  /** LUTLookup for int16: 9 bits index, 7 bits interpolate. */
  private static short lookup(int value, short[] lut) {
    int index = 256 + (value >> 7);
    int offset = value & 0x7f;
    int base = lut[index];
    int slope = lut[index + 1] - lut[index];
    return (short) (base + ((slope * offset + 64) >> 7));
  }

  @Override
  public void eval() {
    for (int i = 0; i < outer; i++) {
      int row = i * depth;
      int max = Short.MIN_VALUE;
      for (int c = 0; c < depth; c++) {
        max = Math.max(max, in[row + c]);
      }
      int sum = 0;
      for (int c = 0; c < depth; c++) {
        int diff = in[row + c] - max;
        int scaled = QuantArith.multiplyByQuantizedMultiplier(diff, multiplier, shift) + 32767;
        short e = lookup(Math.min(Math.max(scaled, -32768), 32767), expLut);
        out[row + c] = e;
        sum += e;
      }
      int headroomPlusOne = Integer.numberOfLeadingZeros(sum);
      int shifted = (int) ((((long) sum << (headroomPlusOne - 1)) + (1 << 13)) >> 14);
      int sym = shifted - ((1 << 15) + (1 << 16));
      short reciprocal = lookup(Math.min(Math.max(sym, -32768), 32767), reciprocalLut);
      int rightShift = 31 - headroomPlusOne;
      long round = 1L << (rightShift - 1);
      for (int c = 0; c < depth; c++) {
        int r = (int) (((long) out[row + c] * reciprocal + round) >> rightShift);
        out[row + c] = (short) Math.min(Math.max(r, 0), 32767);
      }
    }
  }
}
