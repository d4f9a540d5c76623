package kiln.micro.kernels;

import kiln.api.model.ElementType;

/**
 * BROADCAST_ARGS: the shape two shapes broadcast to (NumPy rules, aligned at the right), as
 * TFLite Micro's broadcast_args.cc; int32 or int64 shape vectors.
 */
final class BroadcastArgs extends Kernel {
  private final Tensor a;
  private final Tensor b;
  private final Tensor out;
  private final Prep p;

  private BroadcastArgs(Tensor a, Tensor b, Tensor out, Prep p) {
    this.a = a;
    this.b = b;
    this.out = out;
    this.p = p;
  }

  static Kernel prepare(Prep p) {
    p.require(p.inputCount() == 2, "needs 2 inputs (shape1, shape2), found " + p.inputCount());
    Tensor a = p.in(0);
    Tensor b = p.in(1);
    Tensor out = p.out(0);
    for (Tensor t : new Tensor[] {a, b, out}) {
      p.requireType(t, "shape", ElementType.INT32, ElementType.INT64);
      p.require(t.rank() == 1, "tensor '" + t.name() + "' must be a shape vector, found shape " + Shapes.str(t.shape));
    }
    p.requireSameType(a, b);
    p.requireSameType(a, out);
    p.require(out.shape[0] == Math.max(a.shape[0], b.shape[0]), "output must have "
        + Math.max(a.shape[0], b.shape[0]) + " entries, found " + out.shape[0]);
    return new BroadcastArgs(a, b, out, p);
  }

  @Override
  public void eval() {
    int n = out.shape[0];
    for (int i = 0; i < n; i++) {
      int ia = a.shape[0] - n + i;
      int ib = b.shape[0] - n + i;
      int da = ia < 0 ? 1 : a.i32[ia];
      int db = ib < 0 ? 1 : b.i32[ib];
      if (da != db && da != 1 && db != 1) {
        throw p.fail("shapes do not broadcast: dimension " + i + " is " + da + " in one and " + db + " in the other");
      }
      out.i32[i] = da == 1 ? db : da;
    }
  }
}
