package kiln.micro.kernels;

import java.util.Arrays;
import kiln.api.KilnException;
import kiln.api.model.ElementType;
import kiln.micro.graph.Graph;
import kiln.micro.graph.TensorInfo;

/**
 * WHILE: TFLite Micro's while.cc. The op's inputs become its outputs; the condition subgraph runs
 * on them and, while its bool output is true, the body subgraph runs on the outputs and its
 * results become the outputs. Condition and body take (and the body gives) what the op does. A
 * loop still running after {@value #MAX_ITERATIONS} iterations is stopped with a message instead of
 * running forever.
 */
public final class While {
  private While() {}

  static final int MAX_ITERATIONS = 1 << 24;

  public static Kernel prepare(Prep p) {
    int cond = p.options.thenSubgraph;
    int body = p.options.elseSubgraph;
    int n = p.inputCount();
    p.require(p.op.outputs().length == n, "expected as many outputs as inputs, found "
        + p.op.outputs().length + " and " + n);
    Tensor[] ins = new Tensor[n];
    Tensor[] outs = new Tensor[n];
    for (int i = 0; i < n; i++) {
      ins[i] = p.in(i);
      outs[i] = p.out(i);
      p.require(ins[i].type() == outs[i].type() && ins[i].elementCount() == outs[i].elementCount(),
          "output " + i + " '" + outs[i].name() + "' must match input '" + ins[i].name() + "'");
    }
    for (int s : new int[] {cond, body}) {
      p.require(s > 0 && s < p.context.subgraphCount(), "subgraph " + s
          + " must name another subgraph (the model has " + p.context.subgraphCount() + ")");
      Graph g = p.context.graph(s);
      p.require(g.inputs().length == n, "subgraph " + s + " must take " + n + " inputs, found "
          + g.inputs().length);
      for (int i = 0; i < n; i++) {
        same(p, outs[i], g.tensors().get(g.inputs()[i]), s);
      }
    }
    Graph c = p.context.graph(cond);
    p.require(c.outputs().length >= 1, "condition subgraph " + cond + " must give a bool");
    TensorInfo flag = c.tensors().get(c.outputs()[0]);
    p.require(flag.type() == ElementType.BOOL && flag.elementCount() == 1, "condition subgraph "
        + cond + " must give one bool, found " + flag.type() + Arrays.toString(flag.shape()));
    Graph b = p.context.graph(body);
    p.require(b.outputs().length == n, "body subgraph " + body + " must give " + n
        + " outputs, found " + b.outputs().length);
    for (int i = 0; i < n; i++) {
      same(p, outs[i], b.tensors().get(b.outputs()[i]), body);
    }
    ModelContext ctx = p.context;
    String where = p.fail("").getMessage();
    return new Kernel() {
      @Override
      public void eval() {
        for (int i = 0; i < n; i++) {
          ins[i].copyTo(ctx.tensor(cond, c.inputs()[i]));
          ins[i].copyTo(outs[i]);
        }
        ctx.invoke(cond);
        long iterations = 0;
        while (ctx.tensor(cond, c.outputs()[0]).i8[0] != 0) {
          if (++iterations > MAX_ITERATIONS) {
            throw new KilnException(where + "the loop ran " + MAX_ITERATIONS
                + " iterations without its condition becoming false");
          }
          for (int i = 0; i < n; i++) {
            outs[i].copyTo(ctx.tensor(body, b.inputs()[i]));
          }
          ctx.invoke(body);
          for (int i = 0; i < n; i++) {
            ctx.tensor(body, b.outputs()[i]).copyTo(outs[i]);
            outs[i].copyTo(ctx.tensor(cond, c.inputs()[i]));
          }
          ctx.invoke(cond);
        }
      }
    };
  }

  private static void same(Prep p, Tensor t, TensorInfo sub, int s) {
    p.require(t.type() == sub.type() && t.elementCount() == sub.elementCount(), "tensor '"
        + t.name() + "' (" + t.type() + Arrays.toString(t.shape) + ") does not match '"
        + sub.name() + "' (" + sub.type() + Arrays.toString(sub.shape()) + ") of subgraph " + s);
  }
}
