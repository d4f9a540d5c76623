package kiln.view;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import kiln.tflite.Operator;
import kiln.tflite.Subgraph;
import kiln.tflite.Tensor;
import kiln.tflite.arena.ArenaModel;
import kiln.tflite.arena.ArenaReport;
import kiln.tflite.arena.GreedyMemoryPlanner;
import kiln.tflite.arena.Target;

/**
 * Where each planned buffer lives in the arena and when: the same buffers, lifetimes and greedy
 * planner calls as {@link ArenaModel#estimate} (activation tensors rounded to 16 bytes, then each
 * op's kernel scratch buffers), so the plan's size equals the report's head.
 */
final class MemoryPlan {
  private static final int ALIGN = 16;

  /**
   * One planned buffer.
   *
   * @param tensor the tensor index, or -1 for a kernel scratch buffer
   * @param op the op a scratch buffer belongs to, else -1
   * @param first the first step it is alive (0: before op 0, i + 1: op i)
   * @param last the last step it is alive
   */
  record Buffer(int tensor, int op, String name, long bytes, long offset, int first, int last) {}

  private final List<Buffer> buffers;
  private final long planned;
  private final ArenaReport report;

  private MemoryPlan(List<Buffer> buffers, long planned, ArenaReport report) {
    this.buffers = List.copyOf(buffers);
    this.planned = planned;
    this.report = report;
  }

  List<Buffer> buffers() {
    return buffers;
  }

  /** Bytes the plan spans (the arena's head). */
  long planned() {
    return planned;
  }

  /** The arena estimate the plan is part of (planned head plus the persistent tail). */
  ArenaReport report() {
    return report;
  }

  static MemoryPlan of(Subgraph g, Target target, ArenaModel.Scratch scratch) {
    List<Tensor> tensors = g.tensors();
    int[][] life = lifetimes(g);
    GreedyMemoryPlanner planner = new GreedyMemoryPlanner();
    List<Buffer> unplaced = new ArrayList<>(); // offsets come once every buffer is added
    for (int t = 0; t < tensors.size(); t++) {
      Tensor tensor = tensors.get(t);
      long bytes = Math.max(0, tensor.byteSize());
      if (!tensor.hasData() && !tensor.isVariable() && bytes != 0) {
        unplaced.add(new Buffer(t, -1, tensor.name(), roundUp(bytes), -1, life[0][t], life[1][t]));
      }
    }
    for (int i = 0; i < g.operators().size(); i++) {
      for (long bytes : scratch.of(i)) {
        unplaced.add(new Buffer(-1, i, "scratch of op #" + i, roundUp(bytes), -1, i + 1, i + 1));
      }
    }
    for (Buffer b : unplaced) {
      planner.addBuffer(b.bytes(), b.first(), b.last());
    }
    List<Buffer> out = new ArrayList<>();
    for (int id = 0; id < unplaced.size(); id++) {
      Buffer b = unplaced.get(id);
      out.add(new Buffer(b.tensor(), b.op(), b.name(), b.bytes(), planner.offsetOf(id), b.first(), b.last()));
    }
    return new MemoryPlan(out, planner.maxSize(), ArenaModel.estimate(g, target, scratch));
  }

  /**
   * First and last step of each tensor, TFLite Micro's rule: graph inputs from step 0, op i's
   * inputs and outputs at step i + 1, graph outputs to the end; -1 for tensors nothing touches.
   */
  static int[][] lifetimes(Subgraph g) {
    int n = g.tensors().size();
    int[] first = new int[n];
    int[] last = new int[n];
    Arrays.fill(first, -1);
    Arrays.fill(last, -1);
    for (int t : g.inputs()) {
      if (t >= 0 && t < n) {
        first[t] = first[t] == -1 ? 0 : first[t];
        last[t] = 0;
      }
    }
    List<Operator> ops = g.operators();
    for (int i = 0; i < ops.size(); i++) {
      Operator op = ops.get(i);
      for (int t : op.outputs()) {
        if (t >= 0 && t < n && first[t] == -1) {
          first[t] = i + 1;
        }
      }
      for (int t : op.inputs()) {
        if (t >= 0 && t < n) {
          last[t] = i + 1;
        }
      }
      for (int t : op.outputs()) {
        if (t >= 0 && t < n) {
          last[t] = i + 1;
        }
      }
    }
    for (int t : g.outputs()) {
      if (t >= 0 && t < n) {
        first[t] = first[t] == -1 ? ops.size() : first[t];
        last[t] = ops.size();
      }
    }
    return new int[][] {first, last};
  }

  private static long roundUp(long bytes) {
    return (bytes + ALIGN - 1) / ALIGN * ALIGN;
  }
}
