package kiln.micro.kernels;

import kiln.api.model.ElementType;
import kiln.micro.reference.QuantArith;

/**
 * PRELU with alpha broadcast to the input (float32 up to 4 dimensions, integers up to 8): float32,
 * int16 with int8 alpha, and int8 with one multiplier for the identity side (s_in / s_out) and one
 * for the alpha side (s_in * s_alpha / s_out), as TFLite Micro's BroadcastPrelu4DSlow.
 */
public final class Prelu {
  private Prelu() {}

  public static Kernel prepare(Prep p) {
    Tensor input = p.in(0);
    Tensor alpha = p.in(1);
    Tensor output = p.out(0);
    p.requireType(input, "input", ElementType.FLOAT32, ElementType.INT8, ElementType.INT16);
    if (input.type() == ElementType.INT16) {
      p.requireType(alpha, "alpha", ElementType.INT8); // 16x8, as TFLite Micro requires
    } else {
      p.requireSameType(input, alpha);
    }
    p.requireSameType(input, output);
    // TFLite Micro's float PRELU indexes 4-D arrays; the integer ones broadcast up to 8-D
    int[][] maps = MathArith.broadcast(p, input, alpha, output,
        input.type() == ElementType.FLOAT32 ? 4 : MathArith.MAX_BROADCAST_RANK);
    int[] ia = maps[0];
    int[] ib = maps[1];
    if (input.type() == ElementType.FLOAT32) {
      float[] x = input.f32;
      float[] a = alpha.f32;
      float[] out = output.f32;
      return new Kernel() {
        @Override
        public void eval() {
          for (int i = 0; i < out.length; i++) {
            float v = x[ia == null ? i : ia[i]];
            out[i] = v >= 0f ? v : v * a[ib == null ? i : ib[i]];
          }
        }
      };
    }
    p.requireQuantized(input, "input");
    p.requireQuantized(alpha, "alpha");
    p.requireQuantized(output, "output");
    QuantArith.Multiplier m1 = QuantArith.quantizeMultiplier(
        (double) input.scale() / (double) output.scale());
    QuantArith.Multiplier m2 = QuantArith.quantizeMultiplier(
        (double) input.scale() * (double) alpha.scale() / (double) output.scale());
    if (input.type() == ElementType.INT16) {
      return int16(input.i16, alpha.i8, output.i16, ia, ib, -input.zeroPoint(),
          -alpha.zeroPoint(), output.zeroPoint(), m1, m2);
    }
    return new Int8Prelu(input.i8, alpha.i8, output.i8, ia, ib, -input.zeroPoint(),
        -alpha.zeroPoint(), output.zeroPoint(), m1, m2);
  }

  /** Int16 input and output with int8 alpha: the int8 arithmetic, clamped to int16. */
  static Kernel int16(short[] x, byte[] a, short[] out, int[] ia, int[] ib, int inOffset,
      int alphaOffset, int outZp, QuantArith.Multiplier q1, QuantArith.Multiplier q2) {
    return new Kernel() {
      @Override
      public void eval() {
        for (int i = 0; i < out.length; i++) {
          int v = inOffset + x[ia == null ? i : ia[i]];
          int r = v >= 0 ? QuantArith.multiplyByQuantizedMultiplier(v, q1.multiplier(), q1.shift())
              : QuantArith.multiplyByQuantizedMultiplier(
                  v * (alphaOffset + a[ib == null ? i : ib[i]]), q2.multiplier(), q2.shift());
          out[i] = (short) Math.min(32767, Math.max(-32768, r + outZp));
        }
      }
    };
  }

  static final class Int8Prelu extends Kernel {
    final byte[] x, a, out;
    final int[] ia, ib;
    final int inOffset, alphaOffset, outZp, m1, s1, m2, s2;

    Int8Prelu(byte[] x, byte[] a, byte[] out, int[] ia, int[] ib, int inOffset,
        int alphaOffset, int outZp, QuantArith.Multiplier q1, QuantArith.Multiplier q2) {
      this.x = x;
      this.a = a;
      this.out = out;
      this.ia = ia;
      this.ib = ib;
      this.inOffset = inOffset;
      this.alphaOffset = alphaOffset;
      this.outZp = outZp;
      this.m1 = q1.multiplier();
      this.s1 = q1.shift();
      this.m2 = q2.multiplier();
      this.s2 = q2.shift();
    }

    @Override
    public void eval() {
      for (int i = 0; i < out.length; i++) {
        int v = inOffset + x[ia == null ? i : ia[i]];
        int r;
        if (v >= 0) {
          r = QuantArith.multiplyByQuantizedMultiplier(v, m1, s1);
        } else {
          int al = alphaOffset + a[ib == null ? i : ib[i]];
          r = QuantArith.multiplyByQuantizedMultiplier(v * al, m2, s2);
        }
        out[i] = (byte) Math.min(127, Math.max(-128, r + outZp));
      }
    }
  }
}
