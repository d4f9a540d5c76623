package kiln.micro.kernels;

import kiln.api.model.ElementType;
import kiln.micro.reference.QuantArith;

/**
 * SOFTMAX over the last axis. Int8: TFLite's fixed-point method (input differences scaled by beta
 * into Q5.26, exp on negative values, sum in Q12.19, reciprocal), output scale 1/256 and zero point
 * -128 as TFLite Micro demands. Float32: exp and divide in float.
 */
public final class Softmax {
  private Softmax() {}

  static final int SCALED_DIFF_INTEGER_BITS = 5;
  static final int ACCUMULATION_INTEGER_BITS = 12;

  public static Kernel prepare(Prep p) {
    Tensor input = p.in(0);
    Tensor output = p.out(0);
    p.requireType(input, "input", ElementType.INT8, ElementType.INT16, ElementType.FLOAT32);
    p.requireSameType(input, output);
    p.requireSameCount(input, output);
    p.require(input.rank() >= 1, "input must have rank >= 1");
    int depth = input.dim(-1);
    int outer = depth == 0 ? 0 : input.elementCount() / depth;
    float beta = p.options.beta;
    if (input.type() == ElementType.FLOAT32) {
      return new FloatSoftmax(input.f32, output.f32, outer, depth, beta);
    }
    if (input.type() == ElementType.INT16) {
      return Softmax16.prepare(p, input, output, outer, depth, beta);
    }
    p.requireQuantized(input, "input");
    p.require(output.zeroPoint() == -128 && output.scale() == 1f / 256,
        "int8 output '" + output.name() + "' must have scale 1/256 and zero point -128, found "
            + output.scale() + " and " + output.zeroPoint());
    // PreprocessSoftmaxScaling
    double real = Math.min((double) beta * (double) input.scale()
        * (double) (1 << (31 - SCALED_DIFF_INTEGER_BITS)), (double) ((1L << 31) - 1));
    QuantArith.Multiplier m = QuantArith.quantizeMultiplier(real);
    p.require(m.shift() >= 0, "input scale " + input.scale() + " times beta is too small");
    int diffMin = -QuantArith.calculateInputRadius(SCALED_DIFF_INTEGER_BITS, m.shift());
    return new Int8Softmax(input.i8, output.i8, outer, depth, m.multiplier(), m.shift(), diffMin);
  }

  public static final class Int8Softmax extends Kernel {
    final byte[] in, out;
    final int outer, depth, multiplier, leftShift, diffMin;

    Int8Softmax(byte[] in, byte[] out, int outer, int depth, int multiplier, int leftShift,
        int diffMin) {
      this.in = in;
      this.out = out;
      this.outer = outer;
      this.depth = depth;
      this.multiplier = multiplier;
      this.leftShift = leftShift;
      this.diffMin = diffMin;
    }

    @Override
    public void eval() {
      for (int i = 0; i < outer; i++) {
        int base = i * depth;
        int max = -128;
        for (int c = 0; c < depth; c++) {
          max = Math.max(max, in[base + c]);
        }
        int sumOfExps = 0;
        for (int c = 0; c < depth; c++) {
          int diff = in[base + c] - max;
          if (diff >= diffMin) {
            int rescaled =
                QuantArith.multiplyByQuantizedMultiplierGreaterThanOne(diff, multiplier, leftShift);
            int exp = QuantArith.expOnNegativeValues(rescaled, SCALED_DIFF_INTEGER_BITS);
            sumOfExps += QuantArith.roundingDivideByPot(exp, ACCUMULATION_INTEGER_BITS);
          }
        }
        long rec = QuantArith.getReciprocal(sumOfExps, ACCUMULATION_INTEGER_BITS);
        int numBitsOverUnit = (int) (rec >> 32);
        int shiftedScale = (int) rec;
        int exponent = numBitsOverUnit + 31 - 8;
        for (int c = 0; c < depth; c++) {
          int diff = in[base + c] - max;
          int v;
          if (diff >= diffMin) {
            int rescaled =
                QuantArith.multiplyByQuantizedMultiplierGreaterThanOne(diff, multiplier, leftShift);
            int exp = QuantArith.expOnNegativeValues(rescaled, SCALED_DIFF_INTEGER_BITS);
            int unsat = QuantArith.roundingDivideByPot(QuantArith.srdhm(shiftedScale, exp), exponent);
            v = Math.min(Math.max(unsat - 128, -128), 127);
          } else {
            v = -128;
          }
          out[base + c] = (byte) v;
        }
      }
    }
  }

  static final class FloatSoftmax extends Kernel {
    final float[] in, out;
    final int outer, depth;
    final float beta;

    FloatSoftmax(float[] in, float[] out, int outer, int depth, float beta) {
      this.in = in;
      this.out = out;
      this.outer = outer;
      this.depth = depth;
      this.beta = beta;
    }

    @Override
    public void eval() {
      for (int i = 0; i < outer; i++) {
        int base = i * depth;
        float max = -Float.MAX_VALUE;
        for (int c = 0; c < depth; c++) {
          max = Math.max(max, in[base + c]);
        }
        float sum = 0f;
        for (int c = 0; c < depth; c++) {
          float e = (float) Math.exp((in[base + c] - max) * beta);
          out[base + c] = e;
          sum += e;
        }
        for (int c = 0; c < depth; c++) {
          out[base + c] = out[base + c] / sum;
        }
      }
    }
  }
}
