package kiln.micro.kernels;

import kiln.api.KilnException;
import kiln.api.model.ElementType;

/**
 * FLOOR_DIV and FLOOR_MOD with broadcasting (up to 8 dimensions), float32 only as in TFLite Micro.
 * FLOOR_DIV fails on a zero divisor as TFLite Micro's eval does.
 */
public final class FloorDivMod {
  private FloorDivMod() {}

  public static Kernel prepare(Prep p, boolean mod) {
    Tensor a = p.in(0);
    Tensor b = p.in(1);
    Tensor out = p.out(0);
    p.requireType(a, "input", ElementType.FLOAT32);
    p.requireSameType(a, b);
    p.requireSameType(a, out);
    int[][] m = MathArith.broadcast(p, a, b, out, MathArith.MAX_BROADCAST_RANK);
    int[] ia = m[0];
    int[] ib = m[1];
    String where = p.fail("").getMessage();
    return new Kernel() {
      @Override
      public void eval() {
        float[] x = a.f32;
        float[] y = b.f32;
        float[] o = out.f32;
        if (!mod) {
          for (int i = 0; i < y.length; i++) {
            if (y[i] == 0f) {
              throw new KilnException(where + "divisor element " + i + " is zero");
            }
          }
        }
        for (int i = 0; i < o.length; i++) {
          float u = x[ia == null ? i : ia[i]];
          float v = y[ib == null ? i : ib[i]];
          o[i] = mod ? floorMod(u, v) : (float) Math.floor((double) u / (double) v);
        }
      }
    };
  }

  /** std::fmod, then moved to the divisor's sign. */
  static float floorMod(float a, float b) {
    float t = a % b;
    return t != 0f && ((b < 0f) != (t < 0f)) ? t + b : t;
  }
}
