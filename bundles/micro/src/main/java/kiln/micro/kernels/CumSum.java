package kiln.micro.kernels;

import kiln.api.model.ElementType;
import kiln.micro.reference.QuantArith;

/**
 * CUMSUM along a constant axis, with the exclusive and reverse options: float32, and int8 as
 * TFLite Micro's reference CumSum (the ADD_N arithmetic: inputs shifted left by 20 and halved, an
 * accumulator that starts at the scaled input offset -zp_in, one output multiplier).
 */
public final class CumSum {
  private CumSum() {}

  public static Kernel prepare(Prep p) {
    Tensor input = p.in(0);
    Tensor axisT = p.in(1);
    Tensor output = p.out(0);
    p.requireType(input, "input", ElementType.FLOAT32, ElementType.INT8);
    p.requireType(axisT, "axis", ElementType.INT32);
    p.requireConstant(axisT, "axis");
    p.require(axisT.elementCount() == 1, "axis must have one element, found "
        + axisT.elementCount());
    p.require(input.rank() >= 1, "input must have rank >= 1");
    p.requireSameType(input, output);
    p.requireShape(output, input.shape);
    int rank = input.rank();
    int axis = axisT.i32[0] < 0 ? axisT.i32[0] + rank : axisT.i32[0];
    p.require(axis >= 0 && axis < rank, "axis " + axisT.i32[0] + " is out of range for rank "
        + rank);
    boolean exclusive = p.options.boolField("exclusive");
    boolean reverse = p.options.boolField("reverse");
    int before = 1;
    int after = 1;
    for (int i = 0; i < rank; i++) {
      if (i < axis) {
        before *= input.shape[i];
      } else if (i > axis) {
        after *= input.shape[i];
      }
    }
    int depth = input.shape[axis];
    int lines = before * after;
    // flat index of each position in the order the sums run: lines along the axis, one by one
    int[] order = new int[input.elementCount()];
    int k = 0;
    for (int a = 0; a < after; a++) {
      int aa = reverse ? after - 1 - a : a;
      for (int b = 0; b < before; b++) {
        int bb = reverse ? before - 1 - b : b;
        for (int d = 0; d < depth; d++) {
          int dd = reverse ? depth - 1 - d : d;
          order[k++] = aa + bb * depth * after + dd * after;
        }
      }
    }
    if (input.type() == ElementType.FLOAT32) {
      float[] in = input.f32;
      float[] out = output.f32;
      return new Kernel() {
        @Override
        public void eval() {
          int e = 0;
          for (int line = 0; line < lines; line++) {
            float acc = 0f;
            for (int d = 0; d < depth; d++, e++) {
              int idx = order[e];
              if (exclusive) {
                out[idx] = acc;
                acc += in[idx];
              } else {
                acc += in[idx];
                out[idx] = acc;
              }
            }
          }
        }
      };
    }
    p.requireQuantized(input, "input");
    p.requireQuantized(output, "output");
    double twiceMax = 2 * (double) input.scale();
    QuantArith.Multiplier mi = QuantArith.quantizeMultiplier((double) input.scale() / twiceMax);
    QuantArith.Multiplier mo = QuantArith.quantizeMultiplier(
        twiceMax / ((1 << AddN.LEFT_SHIFT) * (double) output.scale()));
    p.require(mo.shift() <= 0, "output scale " + output.scale() + " is too small for input scale "
        + input.scale() + " (the output multiplier must be below one)");
    byte[] in = input.i8;
    byte[] out = output.i8;
    int offset = -input.zeroPoint();
    int outZp = output.zeroPoint();
    return new Kernel() {
      @Override
      public void eval() {
        int start = QuantArith.multiplyByQuantizedMultiplierSmallerThanOneExp(
            offset * (1 << AddN.LEFT_SHIFT), mi.multiplier(), mi.shift());
        int e = 0;
        for (int line = 0; line < lines; line++) {
          int acc = start;
          for (int d = 0; d < depth; d++, e++) {
            int idx = order[e];
            int y = QuantArith.multiplyByQuantizedMultiplierSmallerThanOneExp(
                (offset + in[idx]) * (1 << AddN.LEFT_SHIFT), mi.multiplier(), mi.shift());
            int scaled;
            if (exclusive) {
              scaled = acc;
              acc += y;
            } else {
              acc += y;
              scaled = acc;
            }
            int v = QuantArith.multiplyByQuantizedMultiplierSmallerThanOneExp(scaled,
                mo.multiplier(), mo.shift()) + outZp;
            out[idx] = (byte) Math.min(127, Math.max(-128, v));
          }
        }
      }
    };
  }
}
