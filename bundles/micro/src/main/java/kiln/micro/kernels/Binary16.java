package kiln.micro.kernels;

import kiln.micro.reference.QuantArith;

/**
 * ADD, SUB and MUL with int16 inputs and output (16x8 models), as TFLite Micro: ADD and SUB rescale
 * with a left shift of 15 (int8 uses 20) and the same three multipliers, MUL with one multiplier on
 * the int32 product and zero points 0 (TFLite Micro requires them); numpy broadcasting as the int8
 * kernels.
 */
final class Binary16 extends Kernel {
  private static final int LEFT_SHIFT = 15;
  private final Binary.Kind kind;
  private final short[] a;
  private final short[] b;
  private final short[] out;
  private final int[] ia;
  private final int[] ib;
  private final int offA;
  private final int offB;
  private final int outZp;
  private final QuantArith.Multiplier[] m;
  private final int min;
  private final int max;

  private Binary16(Binary.Kind kind, Tensor a, Tensor b, Tensor out, int[] ia, int[] ib,
      QuantArith.Multiplier[] m, int[] range) {
    this.kind = kind;
    this.a = a.i16;
    this.b = b.i16;
    this.out = out.i16;
    this.ia = ia;
    this.ib = ib;
    this.offA = -a.zeroPoint();
    this.offB = -b.zeroPoint();
    this.outZp = out.zeroPoint();
    this.m = m;
    this.min = range[0];
    this.max = range[1];
  }

  static Kernel prepare(Prep p, Binary.Kind kind, int[] ia, int[] ib) {
    Tensor a = p.in(0);
    Tensor b = p.in(1);
    Tensor out = p.out(0);
    p.requireQuantized(a, "input1");
    p.requireQuantized(b, "input2");
    p.requireQuantized(out, "output");
    int[] range = Activation.quantizedRange(p, p.options.activation, out);
    if (kind == Binary.Kind.MUL) {
      p.require(a.zeroPoint() == 0 && b.zeroPoint() == 0 && out.zeroPoint() == 0,
          "int16 MUL needs zero points 0, found " + a.zeroPoint() + ", " + b.zeroPoint() + " and " + out.zeroPoint());
      QuantArith.Multiplier mm = QuantArith.quantizeMultiplier(
          (double) a.scale() * (double) b.scale() / (double) out.scale());
      return new Binary16(kind, a, b, out, ia, ib, new QuantArith.Multiplier[] {mm}, range);
    }
    return new Binary16(kind, a, b, out, ia, ib, Binary.addSubMultipliers(kind, a, b, out, LEFT_SHIFT), range);
  }

  @Override
  public void eval() {
    for (int e = 0; e < out.length; e++) {
      int x = offA + a[ia == null ? e : ia[e]];
      int y = offB + b[ib == null ? e : ib[e]];
      int r;
      if (kind == Binary.Kind.MUL) {
        r = outZp + QuantArith.multiplyByQuantizedMultiplier(x * y, m[0].multiplier(), m[0].shift());
      } else {
        int sx = QuantArith.multiplyByQuantizedMultiplierSmallerThanOneExp(x * (1 << LEFT_SHIFT),
            m[0].multiplier(), m[0].shift());
        int sy = QuantArith.multiplyByQuantizedMultiplierSmallerThanOneExp(y * (1 << LEFT_SHIFT),
            m[1].multiplier(), m[1].shift());
        int raw = kind == Binary.Kind.ADD ? sx + sy : sx - sy;
        r = outZp + QuantArith.multiplyByQuantizedMultiplierSmallerThanOneExp(raw, m[2].multiplier(), m[2].shift());
      }
      out[e] = (short) Math.max(min, Math.min(max, r));
    }
  }
}
