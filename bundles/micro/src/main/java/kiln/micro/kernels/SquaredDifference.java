package kiln.micro.kernels;

import kiln.api.model.ElementType;
import kiln.micro.reference.QuantArith;

/**
 * SQUARED_DIFFERENCE with broadcasting (up to 8 dimensions): float32, int32, and int8 as TFLite
 * Micro: both inputs shifted left by 7 and scaled to the larger scale's half, the difference
 * squared, and one output multiplier (2 * max scale)^2 / (2^14 * s_out); int16 the same with no
 * left shift and zero points 0.
 */
public final class SquaredDifference {
  private SquaredDifference() {}

  public static Kernel prepare(Prep p) {
    Tensor a = p.in(0);
    Tensor b = p.in(1);
    Tensor out = p.out(0);
    p.requireType(a, "input", ElementType.FLOAT32, ElementType.INT8, ElementType.INT16,
        ElementType.INT32);
    p.requireSameType(a, b);
    p.requireSameType(a, out);
    int[][] m = MathArith.broadcast(p, a, b, out, MathArith.MAX_BROADCAST_RANK);
    int[] ia = m[0];
    int[] ib = m[1];
    if (a.type() == ElementType.FLOAT32) {
      return new Kernel() {
        @Override
        public void eval() {
          float[] x = a.f32;
          float[] y = b.f32;
          float[] o = out.f32;
          for (int i = 0; i < o.length; i++) {
            float d = x[ia == null ? i : ia[i]] - y[ib == null ? i : ib[i]];
            o[i] = d * d;
          }
        }
      };
    }
    if (a.type() == ElementType.INT32) {
      return new Kernel() {
        @Override
        public void eval() {
          int[] x = a.i32;
          int[] y = b.i32;
          int[] o = out.i32;
          for (int i = 0; i < o.length; i++) {
            int d = x[ia == null ? i : ia[i]] - y[ib == null ? i : ib[i]];
            o[i] = d * d;
          }
        }
      };
    }
    p.requireQuantized(a, "input1");
    p.requireQuantized(b, "input2");
    p.requireQuantized(out, "output");
    boolean int16 = a.type() == ElementType.INT16;
    if (int16) {
      p.require(a.zeroPoint() == 0 && b.zeroPoint() == 0 && out.zeroPoint() == 0,
          "int16 inputs and output must have zero point 0");
    }
    final int leftShift = int16 ? 0 : 7;
    double twiceMax = 2.0 * (double) Math.max(a.scale(), b.scale());
    QuantArith.Multiplier m1 = QuantArith.quantizeMultiplier((double) a.scale() / twiceMax);
    QuantArith.Multiplier m2 = QuantArith.quantizeMultiplier((double) b.scale() / twiceMax);
    // (1 << 14) * output_scale is a float product in TFLite Micro
    QuantArith.Multiplier mo = QuantArith.quantizeMultiplier(
        twiceMax * twiceMax / (double) ((1 << (leftShift * 2)) * out.scale()));
    if (int16) {
      return new Kernel() {
        @Override
        public void eval() {
          short[] o = out.i16;
          for (int i = 0; i < o.length; i++) {
            int sx = QuantArith.multiplyByQuantizedMultiplierSmallerThanOneExp(
                a.i16[ia == null ? i : ia[i]], m1.multiplier(), m1.shift());
            int sy = QuantArith.multiplyByQuantizedMultiplierSmallerThanOneExp(
                b.i16[ib == null ? i : ib[i]], m2.multiplier(), m2.shift());
            int d = sx - sy;
            int v = QuantArith.multiplyByQuantizedMultiplier(d * d, mo.multiplier(), mo.shift());
            o[i] = (short) Math.min(32767, Math.max(-32768, v));
          }
        }
      };
    }
    return new Int8SquaredDifference(a.i8, b.i8, out.i8, ia, ib, -a.zeroPoint(), -b.zeroPoint(),
        out.zeroPoint(), leftShift, m1, m2, mo);
  }

  static final class Int8SquaredDifference extends Kernel {
    final byte[] a, b, out;
    final int[] ia, ib;
    final int offA, offB, outZp, leftShift, m1, s1, m2, s2, mo, so;

    Int8SquaredDifference(byte[] a, byte[] b, byte[] out, int[] ia, int[] ib, int offA,
        int offB, int outZp, int leftShift, QuantArith.Multiplier q1, QuantArith.Multiplier q2,
        QuantArith.Multiplier qo) {
      this.a = a;
      this.b = b;
      this.out = out;
      this.ia = ia;
      this.ib = ib;
      this.offA = offA;
      this.offB = offB;
      this.outZp = outZp;
      this.leftShift = leftShift;
      this.m1 = q1.multiplier();
      this.s1 = q1.shift();
      this.m2 = q2.multiplier();
      this.s2 = q2.shift();
      this.mo = qo.multiplier();
      this.so = qo.shift();
    }

    @Override
    public void eval() {
      for (int i = 0; i < out.length; i++) {
        int x = (offA + a[ia == null ? i : ia[i]]) * (1 << leftShift);
        int y = (offB + b[ib == null ? i : ib[i]]) * (1 << leftShift);
        int sx = QuantArith.multiplyByQuantizedMultiplierSmallerThanOneExp(x, m1, s1);
        int sy = QuantArith.multiplyByQuantizedMultiplierSmallerThanOneExp(y, m2, s2);
        int d = sx - sy;
        int v = QuantArith.multiplyByQuantizedMultiplier(d * d, mo, so) + outZp;
        out[i] = (byte) Math.min(127, Math.max(-128, v));
      }
    }
  }
}
