package kiln.micro.kernels;

/**
 * ASSIGN_VARIABLE: copies its value input into the resource variable its handle input names. The
 * first one prepared for a variable gives it its type and size (TFLite Micro's
 * assign_variable.cc); later values must match them.
 */
public final class AssignVariable {
  private AssignVariable() {}

  public static Kernel prepare(Prep p) {
    p.require(p.inputCount() == 2, "expected 2 inputs (resource handle, value), found "
        + p.inputCount());
    Tensor handle = p.in(0);
    Tensor value = p.in(1);
    p.require(handle.i32 != null && handle.elementCount() == 1, "input '" + handle.name()
        + "' must be a resource handle");
    int id = handle.i32[0];
    ResourceVariables.Variable v = p.context.resources.get(id);
    p.require(v != null, "resource handle '" + handle.name() + "' names no variable (id " + id
        + "; a VAR_HANDLE before this op creates it)");
    p.context.resources.allocate(id, value);
    Tensor target = v.value;
    p.require(target.type() == value.type() && target.elementCount() == value.elementCount(),
        "value '" + value.name() + "' must be " + target.type() + " with "
            + target.elementCount() + " elements like resource variable " + id
            + ", found " + value.type() + java.util.Arrays.toString(value.shape));
    return new Kernel() {
      @Override
      public void eval() {
        value.copyTo(target);
      }
    };
  }
}
