package kiln.micro.kernels;

/**
 * CALL_ONCE: runs the subgraph {@code init_subgraph_index} names at the first invoke only (TFLite
 * Micro's call_once.cc: a subgraph without inputs or outputs, typically assigning the initial
 * values of resource variables). Like TFLite Micro, resetting the variables does not run it again.
 */
public final class CallOnce {
  private CallOnce() {}

  public static Kernel prepare(Prep p) {
    int index = p.options.subgraph;
    p.require(index > 0 && index < p.context.subgraphCount(), "init_subgraph_index " + index
        + " must name another subgraph (the model has " + p.context.subgraphCount() + ")");
    p.require(p.inputCount() == 0 && p.op.outputs().length == 0,
        "CALL_ONCE takes no inputs or outputs");
    kiln.micro.graph.Graph init = p.context.graph(index);
    p.require(init.inputs().length == 0 && init.outputs().length == 0,
        "init subgraph " + index + " must have no inputs or outputs");
    ModelContext ctx = p.context;
    return new Kernel() {
      private boolean done;

      @Override
      public void eval() {
        if (!done) {
          ctx.invoke(index);
          done = true;
        }
      }
    };
  }
}
