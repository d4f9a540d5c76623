package kiln.micro.kernels;

import kiln.api.KilnException;
import kiln.api.model.ElementType;
import kiln.micro.graph.OpOptions;
import kiln.micro.reference.QuantArith;

/**
 * DIV with broadcasting (up to 8 dimensions) and fused activation: float32, int32 (C integer
 * division) and int8 as TFLite Micro's DivElementwise: the divisor's reciprocal in fixed point,
 * the dividend shifted to full headroom, one output multiplier s1 / (s2 * s_out) in float. A float
 * zero divisor gives infinity clamped to the float range; an int32 or int8 zero divisor (undefined
 * in TFLite Micro, refused by TFLite) fails at invoke with the element's index.
 */
public final class Div {
  private Div() {}

  public static Kernel prepare(Prep p) {
    Tensor a = p.in(0);
    Tensor b = p.in(1);
    Tensor out = p.out(0);
    p.requireType(a, "input", ElementType.FLOAT32, ElementType.INT8, ElementType.INT32);
    p.requireSameType(a, b);
    p.requireSameType(a, out);
    int[][] m = MathArith.broadcast(p, a, b, out, MathArith.MAX_BROADCAST_RANK);
    int[] ia = m[0];
    int[] ib = m[1];
    int act = p.options.activation;
    String where = p.fail("").getMessage();
    if (a.type() == ElementType.FLOAT32) {
      float[] r = Activation.floatRange(p, act);
      // TFLite's range for no activation is the finite float range
      float min = Math.max(r[0], -Float.MAX_VALUE);
      float max = Math.min(r[1], Float.MAX_VALUE);
      return new Kernel() {
        @Override
        public void eval() {
          float[] x = a.f32;
          float[] y = b.f32;
          float[] o = out.f32;
          for (int i = 0; i < o.length; i++) {
            float v = x[ia == null ? i : ia[i]] / y[ib == null ? i : ib[i]];
            o[i] = Math.min(Math.max(v, min), max);
          }
        }
      };
    }
    if (a.type() == ElementType.INT32) {
      p.require(!a.info.isQuantized() && !b.info.isQuantized(),
          "int32 inputs must not be quantized");
      int[] r = switch (act) {
        case OpOptions.ACT_NONE -> new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
        case OpOptions.ACT_RELU -> new int[] {0, Integer.MAX_VALUE};
        case OpOptions.ACT_RELU6 -> new int[] {0, 6};
        case OpOptions.ACT_RELU_N1_TO_1 -> new int[] {-1, 1};
        default -> throw p.fail("fused activation " + act + " is not supported");
      };
      return new Kernel() {
        @Override
        public void eval() {
          int[] x = a.i32;
          int[] y = b.i32;
          int[] o = out.i32;
          for (int i = 0; i < o.length; i++) {
            int d = y[ib == null ? i : ib[i]];
            if (d == 0) {
              throw zeroDivisor(where, ib == null ? i : ib[i]);
            }
            int v = x[ia == null ? i : ia[i]] / d;
            o[i] = Math.min(Math.max(v, r[0]), r[1]);
          }
        }
      };
    }
    p.requireQuantized(a, "input1");
    p.requireQuantized(b, "input2");
    p.requireQuantized(out, "output");
    int[] range = Activation.quantizedRange(p, act, out);
    QuantArith.Multiplier q = QuantArith.quantizeMultiplier(
        (double) (a.scale() / (b.scale() * out.scale())));
    return new Int8Div(a.i8, b.i8, out.i8, ia, ib, -a.zeroPoint(), -b.zeroPoint(),
        out.zeroPoint(), q.multiplier(), q.shift(), range[0], range[1], where);
  }

  static KilnException zeroDivisor(String where, int element) {
    return new KilnException(where + "divisor element " + element + " is zero");
  }

  static final class Int8Div extends Kernel {
    final byte[] a, b, out;
    final int[] ia, ib;
    final int offA, offB, outZp, multiplier, shift, min, max;
    final String where;

    Int8Div(byte[] a, byte[] b, byte[] out, int[] ia, int[] ib, int offA, int offB, int outZp,
        int multiplier, int shift, int min, int max, String where) {
      this.where = where;
      this.a = a;
      this.b = b;
      this.out = out;
      this.ia = ia;
      this.ib = ib;
      this.offA = offA;
      this.offB = offB;
      this.outZp = outZp;
      this.multiplier = multiplier;
      this.shift = shift;
      this.min = min;
      this.max = max;
    }

    @Override
    public void eval() {
      for (int i = 0; i < out.length; i++) {
        int j = ib == null ? i : ib[i];
        if (offB + b[j] == 0) {
          throw zeroDivisor(where, j);
        }
        out[i] = (byte) divide(offA + a[ia == null ? i : ia[i]], offB + b[j]);
      }
    }

    int divide(int x, int y) {
      if (y < 0) {
        x = -x;
        y = -y;
      }
      long recip = QuantArith.getReciprocal(y, 31);
      int inv = (int) recip;
      int recipShift = (int) (recip >> 32);
      int headroom = MathArith.countLeadingSignBits(x);
      int unscaled = QuantArith.multiplyByQuantizedMultiplierGreaterThanOne(x, inv, headroom);
      int total = shift - recipShift - headroom;
      int v = outZp
          + QuantArith.multiplyByQuantizedMultiplierSmallerThanOneExp(unscaled, multiplier, total);
      return Math.min(max, Math.max(min, v));
    }
  }
}
