package kiln.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import kiln.tflite.Operator;
import kiln.tflite.Subgraph;
import kiln.tflite.Tensor;

/**
 * Runtime memory of a model on TFLite Micro: the tensor arena the memory planner lays out, plus the
 * runtime's own allocations (an estimate).
 *
 * <p>Arena: the accelerator's kernel scratch buffers, alive while their op runs, and every tensor without constant data lives from the op that writes it (0 for model
 * inputs) to the last op that reads it (the end for model outputs); buffers are placed largest
 * first at the lowest offset that does not overlap a buffer alive at the same time (TFLite Micro's
 * greedy planner), each aligned to 16 bytes.
 *
 * <p>Overhead (what TFLite Micro allocates besides the activations): {@value #FIXED_OVERHEAD}
 * bytes for the interpreter, allocator and subgraph bookkeeping, {@value #PER_TENSOR} bytes per
 * tensor (its TfLiteEvalTensor and dims), {@value #PER_OP} bytes per op (node, registration,
 * op data), and {@value #PER_CHANNEL} bytes per output channel of convolution and depthwise ops
 * (the per-channel requantization multiplier and shift).
 */
final class RamEstimate {
  static final int ALIGNMENT = 16;
  static final int FIXED_OVERHEAD = 600;
  static final int PER_TENSOR = 12;
  static final int PER_OP = 64;
  static final int PER_CHANNEL = 8;

  /** The arena bytes and the overhead bytes. */
  record Ram(long arenaBytes, long overheadBytes) {
    long total() {
      return arenaBytes + overheadBytes;
    }
  }

  private RamEstimate() {}

  /** {@code scratch[i]}: arena scratch op i's kernel needs while it runs. */
  static Ram of(Subgraph g, long[] scratch) {
    return new Ram(arena(g, scratch), overhead(g));
  }

  static long arena(Subgraph g, long[] scratch) {
    int n = g.tensors().size();
    int[] first = new int[n];
    int[] last = new int[n];
    Arrays.fill(first, Integer.MAX_VALUE);
    Arrays.fill(last, -1);
    List<Operator> ops = g.operators();
    int end = Math.max(ops.size() - 1, 0);
    for (int t : g.inputs()) {
      if (t >= 0) {
        first[t] = 0;
        last[t] = Math.max(last[t], 0);
      }
    }
    for (int i = 0; i < ops.size(); i++) {
      for (int t : ops.get(i).inputs()) {
        if (t >= 0) {
          first[t] = Math.min(first[t], i);
          last[t] = Math.max(last[t], i);
        }
      }
      for (int t : ops.get(i).outputs()) {
        if (t >= 0) {
          first[t] = Math.min(first[t], i);
          last[t] = Math.max(last[t], i);
        }
      }
    }
    for (int t : g.outputs()) {
      if (t >= 0) {
        last[t] = end;
        first[t] = Math.min(first[t], end);
      }
    }
    List<long[]> buffers = new ArrayList<>(); // size, first, last
    for (int t = 0; t < n; t++) {
      Tensor tensor = g.tensor(t);
      if (last[t] < 0 || tensor.hasData()) {
        continue;
      }
      long size = align(tensor.byteSize());
      if (size > 0) {
        buffers.add(new long[] {size, first[t], last[t]});
      }
    }
    for (int i = 0; i < scratch.length; i++) {
      if (scratch[i] > 0) {
        buffers.add(new long[] {align(scratch[i]), i, i});
      }
    }
    buffers.sort(Comparator.comparingLong((long[] b) -> -b[0]));
    List<long[]> placed = new ArrayList<>(); // offset, size, first, last
    long max = 0;
    for (long[] b : buffers) {
      List<long[]> live = new ArrayList<>();
      for (long[] p : placed) {
        if (p[2] <= b[2] && b[1] <= p[3]) {
          live.add(p);
        }
      }
      live.sort(Comparator.comparingLong((long[] p) -> p[0]));
      long offset = 0;
      for (long[] p : live) {
        if (offset + b[0] <= p[0]) {
          break;
        }
        offset = Math.max(offset, p[0] + p[1]);
      }
      placed.add(new long[] {offset, b[0], b[1], b[2]});
      max = Math.max(max, offset + b[0]);
    }
    return max;
  }

  static long overhead(Subgraph g) {
    long channels = 0;
    for (Operator op : g.operators()) {
      String name = op.op() == null ? "" : op.op().displayName();
      if (name.equals("conv_2d") || name.equals("depthwise_conv_2d")
          || name.equals("transpose_conv")) {
        Tensor out = g.outputOf(op, 0);
        int[] s = out == null ? new int[0] : out.shape();
        channels += s.length == 0 ? 0 : s[s.length - 1];
      }
    }
    return FIXED_OVERHEAD + (long) PER_TENSOR * g.tensors().size()
        + (long) PER_OP * g.operators().size() + PER_CHANNEL * channels;
  }

  static long align(long size) {
    return (size + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
  }
}
