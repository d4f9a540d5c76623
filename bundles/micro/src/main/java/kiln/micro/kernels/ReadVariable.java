package kiln.micro.kernels;

import kiln.api.KilnException;

/**
 * READ_VARIABLE: copies the resource variable its handle input names into its output (TFLite
 * Micro's read_variable.cc). The variable gets its buffer from an ASSIGN_VARIABLE prepared in any
 * subgraph; reading one that has none fails with a message.
 */
public final class ReadVariable {
  private ReadVariable() {}

  public static Kernel prepare(Prep p) {
    Tensor handle = p.in(0);
    Tensor out = p.out(0);
    p.require(handle.i32 != null && handle.elementCount() == 1, "input '" + handle.name()
        + "' must be a resource handle");
    ResourceVariables resources = p.context.resources;
    String where = p.fail("").getMessage();
    return new Kernel() {
      @Override
      public void eval() {
        ResourceVariables.Variable v = resources.get(handle.i32[0]);
        if (v == null || v.value == null) {
          throw new KilnException(where + "resource variable " + handle.i32[0]
              + " was never assigned (no ASSIGN_VARIABLE for it in the model)");
        }
        if (v.value.type() != out.type() || v.value.elementCount() != out.elementCount()) {
          throw new KilnException(where + "output '" + out.name() + "' must be "
              + v.value.type() + " with " + v.value.elementCount() + " elements like the variable");
        }
        v.value.copyTo(out);
      }
    };
  }
}
