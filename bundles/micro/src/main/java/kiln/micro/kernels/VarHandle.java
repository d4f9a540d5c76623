package kiln.micro.kernels;

/**
 * VAR_HANDLE: the id of the resource variable named by the op's container and shared name
 * (created when the model is prepared, as TFLite Micro's var_handle.cc does), written to its
 * resource output.
 */
public final class VarHandle {
  private VarHandle() {}

  public static Kernel prepare(Prep p) {
    Tensor out = p.out(0);
    p.require(out.elementCount() == 1 && out.i32 != null, "output '" + out.name()
        + "' must be a resource handle");
    int id = p.context.resources.idOf(p.options.container, p.options.sharedName);
    out.i32[0] = id; // ASSIGN_VARIABLE's prepare reads it
    return new Kernel() {
      @Override
      public void eval() {
        out.i32[0] = id;
      }
    };
  }
}
