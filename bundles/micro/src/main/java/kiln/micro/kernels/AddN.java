package kiln.micro.kernels;

import java.util.Arrays;
import kiln.api.model.ElementType;
import kiln.micro.reference.QuantArith;

/**
 * ADD_N: the elementwise sum of two or more same-shaped inputs. Float32; and int8 (all inputs one
 * scale and zero point) as TFLite Micro's reference AddN: each input shifted left by 20 and
 * halved, summed into an accumulator that starts at the scaled input offset (-zp_in, what TFLite
 * Micro's reference writes for its "x = 0"), then one output multiplier 2 * s_in / (2^20 * s_out).
 */
public final class AddN {
  private AddN() {}

  static final int LEFT_SHIFT = 20;

  public static Kernel prepare(Prep p) {
    int n = p.inputCount();
    p.require(n >= 2, "needs at least 2 inputs, found " + n);
    Tensor first = p.in(0);
    Tensor out = p.out(0);
    p.requireType(first, "input", ElementType.FLOAT32, ElementType.INT8);
    p.requireSameType(first, out);
    Tensor[] ins = new Tensor[n];
    for (int i = 0; i < n; i++) {
      ins[i] = p.in(i);
      p.requireSameType(first, ins[i]);
      p.require(Arrays.equals(first.shape, ins[i].shape), "input '" + ins[i].name()
          + "' must have the shape of '" + first.name() + "' " + Arrays.toString(first.shape)
          + ", found " + Arrays.toString(ins[i].shape));
      p.requireSameQuantization(first, ins[i]);
    }
    p.requireShape(out, first.shape);
    if (first.type() == ElementType.FLOAT32) {
      float[][] xs = Arrays.stream(ins).map(t -> t.f32).toArray(float[][]::new);
      float[] o = out.f32;
      return new Kernel() {
        @Override
        public void eval() {
          for (int e = 0; e < o.length; e++) {
            float x = 0f;
            for (float[] in : xs) {
              x += in[e];
            }
            o[e] = x;
          }
        }
      };
    }
    p.requireQuantized(first, "input");
    p.requireQuantized(out, "output");
    double twiceMax = 2 * (double) first.scale();
    QuantArith.Multiplier mi = QuantArith.quantizeMultiplier((double) first.scale() / twiceMax);
    QuantArith.Multiplier mo = QuantArith.quantizeMultiplier(
        twiceMax / ((1 << LEFT_SHIFT) * (double) out.scale()));
    p.require(mo.shift() <= 0, "output scale " + out.scale() + " is too small for input scale "
        + first.scale() + " (the output multiplier must be below one)");
    byte[][] xs = Arrays.stream(ins).map(t -> t.i8).toArray(byte[][]::new);
    byte[] o = out.i8;
    int offset = -first.zeroPoint();
    int outZp = out.zeroPoint();
    return new Kernel() {
      @Override
      public void eval() {
        int start = QuantArith.multiplyByQuantizedMultiplierSmallerThanOneExp(
            offset * (1 << LEFT_SHIFT), mi.multiplier(), mi.shift());
        for (int e = 0; e < o.length; e++) {
          int acc = start;
          for (byte[] in : xs) {
            acc += QuantArith.multiplyByQuantizedMultiplierSmallerThanOneExp(
                (offset + in[e]) * (1 << LEFT_SHIFT), mi.multiplier(), mi.shift());
          }
          int v = QuantArith.multiplyByQuantizedMultiplierSmallerThanOneExp(acc, mo.multiplier(),
              mo.shift()) + outZp;
          o[e] = (byte) Math.min(127, Math.max(-128, v));
        }
      }
    };
  }
}
