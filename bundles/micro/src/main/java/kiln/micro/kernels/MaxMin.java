package kiln.micro.kernels;

import kiln.api.model.ElementType;

/**
 * MAXIMUM and MINIMUM with broadcasting (up to 8 dimensions) on float32, int8, int16 and int32.
 * Integers compare raw values, so both inputs and the output share one quantization as the
 * converter writes them; TFLite Micro does not check it and neither is it rescaled.
 */
public final class MaxMin {
  private MaxMin() {}

  public static Kernel prepare(Prep p, boolean max) {
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
    return switch (a.type()) {
      case FLOAT32 -> new Kernel() {
        @Override
        public void eval() {
          float[] x = a.f32;
          float[] y = b.f32;
          float[] o = out.f32;
          for (int i = 0; i < o.length; i++) {
            float u = x[ia == null ? i : ia[i]];
            float v = y[ib == null ? i : ib[i]];
            o[i] = max ? (u > v ? u : v) : (u < v ? u : v);
          }
        }
      };
      case INT8 -> new Kernel() {
        @Override
        public void eval() {
          byte[] x = a.i8;
          byte[] y = b.i8;
          byte[] o = out.i8;
          for (int i = 0; i < o.length; i++) {
            byte u = x[ia == null ? i : ia[i]];
            byte v = y[ib == null ? i : ib[i]];
            o[i] = max ? (u > v ? u : v) : (u < v ? u : v);
          }
        }
      };
      case INT16 -> new Kernel() {
        @Override
        public void eval() {
          short[] x = a.i16;
          short[] y = b.i16;
          short[] o = out.i16;
          for (int i = 0; i < o.length; i++) {
            short u = x[ia == null ? i : ia[i]];
            short v = y[ib == null ? i : ib[i]];
            o[i] = max ? (u > v ? u : v) : (u < v ? u : v);
          }
        }
      };
      default -> new Kernel() {
        @Override
        public void eval() {
          int[] x = a.i32;
          int[] y = b.i32;
          int[] o = out.i32;
          for (int i = 0; i < o.length; i++) {
            int u = x[ia == null ? i : ia[i]];
            int v = y[ib == null ? i : ib[i]];
            o[i] = max ? Math.max(u, v) : Math.min(u, v);
          }
        }
      };
    };
  }
}
