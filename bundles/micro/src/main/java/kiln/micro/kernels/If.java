package kiln.micro.kernels;

import java.util.Arrays;
import kiln.api.model.ElementType;
import kiln.micro.graph.Graph;
import kiln.micro.graph.TensorInfo;

/**
 * IF: runs the then- or the else-subgraph on the op's inputs after the bool condition, as TFLite
 * Micro's if.cc does: the inputs after the condition are copied into the chosen subgraph's inputs,
 * the subgraph runs, its outputs are copied into the op's outputs. Both subgraphs must take and give
 * what the op does (same counts, types and sizes).
 */
public final class If {
  private If() {}

  public static Kernel prepare(Prep p) {
    p.require(p.inputCount() > 0, "expected a condition input");
    Tensor cond = p.in(0);
    p.requireType(cond, "condition", ElementType.BOOL);
    p.require(cond.elementCount() == 1, "condition '" + cond.name() + "' must hold one element,"
        + " found shape " + Arrays.toString(cond.shape));
    int[] branches = {p.options.thenSubgraph, p.options.elseSubgraph};
    Tensor[] ins = new Tensor[p.inputCount() - 1];
    for (int i = 0; i < ins.length; i++) {
      ins[i] = p.in(i + 1);
    }
    Tensor[] outs = new Tensor[p.op.outputs().length];
    for (int i = 0; i < outs.length; i++) {
      outs[i] = p.out(i);
    }
    for (int b : branches) {
      p.require(b > 0 && b < p.context.subgraphCount(), "branch subgraph " + b
          + " must name another subgraph (the model has " + p.context.subgraphCount() + ")");
      Graph g = p.context.graph(b);
      p.require(g.inputs().length == ins.length && g.outputs().length == outs.length,
          "subgraph " + b + " must take " + ins.length + " inputs and give " + outs.length
              + " outputs, found " + g.inputs().length + " and " + g.outputs().length);
      for (int i = 0; i < ins.length; i++) {
        same(p, ins[i], g.tensors().get(g.inputs()[i]), b);
      }
      for (int i = 0; i < outs.length; i++) {
        same(p, outs[i], g.tensors().get(g.outputs()[i]), b);
      }
    }
    ModelContext ctx = p.context;
    return new Kernel() {
      @Override
      public void eval() {
        int b = cond.i8[0] != 0 ? branches[0] : branches[1];
        Graph g = ctx.graph(b);
        for (int i = 0; i < ins.length; i++) {
          ins[i].copyTo(ctx.tensor(b, g.inputs()[i]));
        }
        ctx.invoke(b);
        for (int i = 0; i < outs.length; i++) {
          ctx.tensor(b, g.outputs()[i]).copyTo(outs[i]);
        }
      }
    };
  }

  private static void same(Prep p, Tensor t, TensorInfo sub, int b) {
    p.require(t.type() == sub.type() && t.elementCount() == sub.elementCount(), "tensor '"
        + t.name() + "' (" + t.type() + Arrays.toString(t.shape) + ") does not match '"
        + sub.name() + "' (" + sub.type() + Arrays.toString(sub.shape()) + ") of subgraph " + b);
  }
}
