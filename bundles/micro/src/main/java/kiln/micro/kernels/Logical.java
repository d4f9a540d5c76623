package kiln.micro.kernels;

import kiln.api.model.ElementType;

/** LOGICAL_AND and LOGICAL_OR on bool tensors, with broadcasting up to 8 dimensions. */
public final class Logical {
  private Logical() {}

  public static Kernel prepare(Prep p, boolean and) {
    Tensor a = p.in(0);
    Tensor b = p.in(1);
    Tensor out = p.out(0);
    p.requireType(a, "input1", ElementType.BOOL);
    p.requireType(b, "input2", ElementType.BOOL);
    p.requireType(out, "output", ElementType.BOOL);
    int[][] m = MathArith.broadcast(p, a, b, out, MathArith.MAX_BROADCAST_RANK);
    int[] ia = m[0];
    int[] ib = m[1];
    byte[] x = a.i8;
    byte[] y = b.i8;
    byte[] o = out.i8;
    return new Kernel() {
      @Override
      public void eval() {
        for (int i = 0; i < o.length; i++) {
          boolean u = x[ia == null ? i : ia[i]] != 0;
          boolean v = y[ib == null ? i : ib[i]] != 0;
          o[i] = (byte) ((and ? u && v : u || v) ? 1 : 0);
        }
      }
    };
  }
}
