package kiln.micro.kernels;

import kiln.api.model.ElementType;
import kiln.micro.reference.QuantArith;

/**
 * LOG_SOFTMAX along the last axis. Float32 as x - max - log(sum(exp(x - max))); int8 as TFLite
 * Micro's LogSoftmaxQuantized: differences to the row maximum in Q5.26, exp summed in Q12.19, log
 * of the sum in Q5.26, output scale 16/256 and zero point 127 (required).
 */
public final class LogSoftmax {
  private LogSoftmax() {}

  static final int INPUT_INTEGER_BITS = 5;
  static final int ACCUMULATION_INTEGER_BITS = 12;
  static final int OUTPUT_INTEGER_BITS = 4;

  public static Kernel prepare(Prep p) {
    Tensor input = p.in(0);
    Tensor output = p.out(0);
    p.requireType(input, "input", ElementType.FLOAT32, ElementType.INT8);
    p.requireSameType(input, output);
    p.requireShape(output, input.shape);
    p.require(input.rank() >= 1, "input must have rank >= 1");
    int depth = input.dim(-1);
    int outer = depth == 0 ? 0 : input.elementCount() / depth;
    if (input.type() == ElementType.FLOAT32) {
      float[] in = input.f32;
      float[] out = output.f32;
      return new Kernel() {
        @Override
        public void eval() {
          for (int i = 0; i < outer; i++) {
            float max = -Float.MAX_VALUE;
            for (int c = 0; c < depth; c++) {
              max = Math.max(max, in[i * depth + c]);
            }
            float sum = 0f;
            for (int c = 0; c < depth; c++) {
              sum += (float) Math.exp(in[i * depth + c] - max);
            }
            float logSum = (float) Math.log(sum);
            for (int c = 0; c < depth; c++) {
              out[i * depth + c] = in[i * depth + c] - max - logSum;
            }
          }
        }
      };
    }
    p.requireQuantized(input, "input");
    p.require(output.scale() == 16f / 256 && output.zeroPoint() == 127,
        "int8 output '" + output.name() + "' must have scale 16/256 and zero point 127, found "
            + output.scale() + " and " + output.zeroPoint());
    // PreprocessLogSoftmaxScalingExp with beta 1
    double real = Math.min((double) input.scale() * (double) (1 << (31 - INPUT_INTEGER_BITS)),
        (double) ((1L << 31) - 1));
    QuantArith.Multiplier m = QuantArith.quantizeMultiplier(real);
    p.require(m.shift() >= 0, "input scale " + input.scale() + " is too small");
    // (1 << (31 - left_shift)) is a C int: 1 << 31 wraps to INT32_MIN
    double reverse = (1 << (31 - m.shift())) / (double) m.multiplier();
    QuantArith.Multiplier r = QuantArith.quantizeMultiplier(reverse);
    int diffMin = -QuantArith.calculateInputRadius(INPUT_INTEGER_BITS, m.shift());
    return new Int8LogSoftmax(input.i8, output.i8, outer, depth, m.multiplier(), m.shift(),
        r.multiplier(), r.shift(), diffMin);
  }

  static final class Int8LogSoftmax extends Kernel {
    final byte[] in, out;
    final int outer, depth, multiplier, leftShift, reverseMultiplier, reverseShift, diffMin;

    Int8LogSoftmax(byte[] in, byte[] out, int outer, int depth, int multiplier, int leftShift,
        int reverseMultiplier, int reverseShift, int diffMin) {
      this.in = in;
      this.out = out;
      this.outer = outer;
      this.depth = depth;
      this.multiplier = multiplier;
      this.leftShift = leftShift;
      this.reverseMultiplier = reverseMultiplier;
      this.reverseShift = reverseShift;
      this.diffMin = diffMin;
    }

    @Override
    public void eval() {
      for (int i = 0; i < outer; i++) {
        int base = i * depth;
        int maxInRow = -128;
        for (int c = 0; c < depth; c++) {
          maxInRow = Math.max(maxInRow, in[base + c]);
        }
        int sumQ12 = 0;
        for (int c = 0; c < depth; c++) {
          int diff = in[base + c] - maxInRow;
          if (diff >= diffMin) {
            int q5 = QuantArith.multiplyByQuantizedMultiplier(diff, multiplier, leftShift);
            sumQ12 += MathArith.scaleByPot(
                QuantArith.expOnNegativeValues(q5, INPUT_INTEGER_BITS), -ACCUMULATION_INTEGER_BITS);
          }
        }
        int logSumQ5 = MathArith.logXGreaterOrEqualOne(sumQ12, ACCUMULATION_INTEGER_BITS,
            INPUT_INTEGER_BITS);
        int shifted = logSumQ5 + Integer.MIN_VALUE;
        int adjustedDiffMin = Math.max(diffMin - 1,
            QuantArith.multiplyByQuantizedMultiplier(shifted, reverseMultiplier, reverseShift));
        for (int c = 0; c < depth; c++) {
          int diff = in[base + c] - maxInRow;
          if (diff > adjustedDiffMin) {
            int q5 = QuantArith.multiplyByQuantizedMultiplier(diff, multiplier, leftShift);
            int v = QuantArith.roundingDivideByPot(q5 - logSumQ5,
                31 - INPUT_INTEGER_BITS - OUTPUT_INTEGER_BITS) + 127;
            out[base + c] = (byte) Math.min(127, Math.max(-128, v));
          } else {
            out[base + c] = -128;
          }
        }
      }
    }
  }
}
