package kiln.tflite.arena;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import kiln.tflite.BuiltinOp;
import kiln.tflite.Operator;
import kiln.tflite.Subgraph;
import kiln.tflite.options.GenericOptions;

/**
 * When each tensor of each subgraph is first and last used, and when each op's scratch buffers
 * live, as TFLite Micro's AllocationInfoBuilder::MarkAllocationLifetimes (micro_allocation_info.cc)
 * counts: one allocation scope from 0, walked from subgraph 0; each op takes the next scope
 * (its outputs are created there), then the subgraphs an IF (then, else), WHILE (cond, body) or
 * CALL_ONCE (init) op runs are walked inside it, each from a new scope, and the op's inputs,
 * outputs and scratch buffers live until the scope reached after them. A subgraph's inputs are
 * created and used at the scope it is entered at, its outputs at the scope its last op reached.
 * With one subgraph: graph inputs at 0, op i at i + 1, graph outputs to the op count. A tensor no
 * walk reaches keeps -1. Indices outside a tensor list are ignored.
 *
 * @param first per subgraph, per tensor, the scope it is first created at
 * @param last per subgraph, per tensor, the scope it is last used at
 * @param scratchFirst per subgraph, per op, the first scope of its scratch buffers
 * @param scratchLast per subgraph, per op, the last scope of its scratch buffers
 */
record Lifetimes(int[][] first, int[][] last, int[][] scratchFirst, int[][] scratchLast) {
  static Lifetimes of(Subgraph g) {
    return of(List.of(g));
  }

  static Lifetimes of(List<Subgraph> model) {
    int n = model.size();
    Lifetimes l = new Lifetimes(new int[n][], new int[n][], new int[n][], new int[n][]);
    for (int s = 0; s < n; s++) {
      Subgraph g = model.get(s);
      l.first[s] = filled(g.tensors().size());
      l.last[s] = filled(g.tensors().size());
      l.scratchFirst[s] = filled(g.operators().size());
      l.scratchLast[s] = filled(g.operators().size());
    }
    if (n > 0) {
      new Walk(model, l).mark(0, new ArrayList<>());
    }
    return l;
  }

  /** The subgraphs op runs inside it (MarkSubgraphLifetimesIfNecessary), -1 where none. */
  static int[] calledSubgraphs(Operator op) {
    BuiltinOp code = op.op();
    if (code == BuiltinOp.IF) {
      return new int[] {field(op, "thenSubgraphIndex"), field(op, "elseSubgraphIndex")};
    } else if (code == BuiltinOp.WHILE) {
      return new int[] {field(op, "condSubgraphIndex"), field(op, "bodySubgraphIndex")};
    } else if (code == BuiltinOp.CALL_ONCE) {
      return new int[] {field(op, "initSubgraphIndex"), -1};
    }
    return new int[] {-1, -1};
  }

  private static int field(Operator op, String name) {
    // the flatbuffer default of these indices is 0
    return op.options() instanceof GenericOptions g && g.fields().get(name) instanceof Number v
        ? v.intValue() : 0;
  }

  private static int[] filled(int n) {
    int[] a = new int[n];
    Arrays.fill(a, -1);
    return a;
  }

  private static final class Walk {
    private final List<Subgraph> model;
    private final Lifetimes l;
    private int scope;

    Walk(List<Subgraph> model, Lifetimes l) {
      this.model = model;
      this.l = l;
    }

    void mark(int s, List<Integer> active) {
      Subgraph g = model.get(s);
      active.add(s);
      for (int t : g.inputs()) {
        created(s, t);
        used(s, t);
      }
      List<Operator> ops = g.operators();
      for (int i = 0; i < ops.size(); i++) {
        scope++;
        Operator op = ops.get(i);
        for (int t : op.outputs()) {
          created(s, t);
        }
        int start = scope;
        for (int called : calledSubgraphs(op)) {
          // a subgraph that (directly or not) runs itself would recurse for ever in TFLite
          // Micro; it is walked once here
          if (called >= 0 && called < model.size() && !active.contains(called)) {
            scope++;
            mark(called, active);
          }
        }
        for (int t : op.inputs()) {
          used(s, t);
        }
        for (int t : op.outputs()) {
          used(s, t);
        }
        if (l.scratchFirst[s][i] == -1) {
          l.scratchFirst[s][i] = start;
        }
        l.scratchLast[s][i] = scope;
      }
      for (int t : g.outputs()) {
        created(s, t);
        used(s, t);
      }
      active.remove(active.size() - 1);
    }

    private void created(int s, int t) {
      if (t >= 0 && t < l.first[s].length && l.first[s][t] == -1) {
        l.first[s][t] = scope;
      }
    }

    private void used(int s, int t) {
      if (t >= 0 && t < l.last[s].length) {
        l.last[s][t] = scope;
      }
    }
  }
}
