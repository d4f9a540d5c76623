package kiln.micro.kernels;

import java.util.Arrays;
import kiln.api.model.ElementType;

/**
 * SELECT_V2: out = condition ? x : y, the three inputs broadcast to the output (up to 8
 * dimensions); float32, int8 and int16 (raw values copied, no rescaling), as in TFLite Micro.
 */
public final class Select {
  private Select() {}

  public static Kernel prepare(Prep p) {
    Tensor c = p.in(0);
    Tensor x = p.in(1);
    Tensor y = p.in(2);
    Tensor out = p.out(0);
    p.requireType(c, "condition", ElementType.BOOL);
    p.requireType(x, "input", ElementType.FLOAT32, ElementType.INT8, ElementType.INT16);
    p.requireSameType(x, y);
    p.requireSameType(x, out);
    int r = MathArith.MAX_BROADCAST_RANK;
    int[] shape = MathArith.broadcastShape(p,
        MathArith.broadcastShape(p, c.shape, x.shape, r), y.shape, r);
    p.requireShape(out, shape);
    int[] ic = map(c, shape);
    int[] ix = map(x, shape);
    int[] iy = map(y, shape);
    byte[] cond = c.i8;
    if (x.type() == ElementType.FLOAT32) {
      return new Kernel() {
        @Override
        public void eval() {
          float[] o = out.f32;
          for (int i = 0; i < o.length; i++) {
            o[i] = cond[ic == null ? i : ic[i]] != 0 ? x.f32[ix == null ? i : ix[i]]
                : y.f32[iy == null ? i : iy[i]];
          }
        }
      };
    }
    if (x.type() == ElementType.INT16) {
      return new Kernel() {
        @Override
        public void eval() {
          short[] o = out.i16;
          for (int i = 0; i < o.length; i++) {
            o[i] = cond[ic == null ? i : ic[i]] != 0 ? x.i16[ix == null ? i : ix[i]]
                : y.i16[iy == null ? i : iy[i]];
          }
        }
      };
    }
    return new Kernel() {
      @Override
      public void eval() {
        byte[] o = out.i8;
        for (int i = 0; i < o.length; i++) {
          o[i] = cond[ic == null ? i : ic[i]] != 0 ? x.i8[ix == null ? i : ix[i]]
              : y.i8[iy == null ? i : iy[i]];
        }
      }
    };
  }

  private static int[] map(Tensor t, int[] shape) {
    return Arrays.equals(t.shape, shape) ? null : Binary.indexMap(t.shape, shape);
  }
}
