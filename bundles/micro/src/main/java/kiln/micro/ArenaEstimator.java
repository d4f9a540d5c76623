package kiln.micro;

import java.util.ArrayList;
import java.util.List;
import kiln.api.model.ElementType;
import kiln.micro.graph.Graph;
import kiln.micro.graph.OpInfo;
import kiln.micro.graph.TensorInfo;
import kiln.micro.planner.GreedyMemoryPlanner;

/**
 * What TFLite Micro's {@code MicroInterpreter::arena_used_bytes()} reports after
 * {@code AllocateTensors()} (reference kernels, greedy planner, 64-bit host, arena 16-aligned).
 *
 * <p>It is the sum of two parts:
 *
 * <ul>
 *   <li><b>head</b> (non-persistent): the greedy plan of every activation tensor (not constants,
 *       not variables) and every scratch buffer kernels request, each rounded up to 16 bytes, with
 *       TFLite Micro's lifetimes (graph inputs from step 0, op i's tensors at step i+1, graph outputs
 *       to the end).
 *   <li><b>tail</b> (persistent), allocated from the arena's end in this order, each aligned down:
 *       the arena allocator, greedy planner and micro allocator objects (72 bytes each), the builtin
 *       data allocator (16), one SubgraphAllocations (16), one TfLiteEvalTensor per tensor (24),
 *       one NodeAndRegistration per op (64); then per op its parsed builtin options struct
 *       (e.g. TfLiteConvParams 28, align 4); then per op its kernel's OpData (16-aligned, e.g.
 *       OpDataConv 72); then what kernels' Prepare allocate (per-channel multipliers and shifts,
 *       4 bytes per output channel each, 16-aligned); scratch buffer handles (8 each); the input
 *       and output TfLiteTensor pointer arrays (8 each, 16-aligned) and one TfLiteTensor (64) per
 *       graph input and output with its TfLiteAffineQuantization (24) and zero-point array
 *       (4 + 4 per channel).
 * </ul>
 *
 * <p>The struct sizes are those of TFLite Micro compiled for x86-64 with TF_LITE_STATIC_MEMORY. A
 * 32-bit target (Cortex-M) has 4-byte pointers: TfLiteEvalTensor is 12 bytes, NodeAndRegistration
 * and TfLiteTensor and the allocator objects shrink too, so the tail there is smaller; the head
 * (the activation plan) is the same on both.
 */
public final class ArenaEstimator {
  private ArenaEstimator() {}

  static final int ALIGN = 16;

  /** The estimate, its two parts, the plan and the list of persistent items. */
  public record Report(int total, int head, int tail, String plan, List<String> tailItems) {
    @Override
    public String toString() {
      return "arena " + total + " bytes = head (planned tensors and scratch) " + head
          + " + tail (persistent runtime data) " + tail;
    }
  }

  private static final class Tail {
    int used;
    final List<String> items = new ArrayList<>();

    void alloc(String what, int size, int align) {
      used = roundUp(used + size, align);
      items.add(what + ": " + size + " (align " + align + ")");
    }
  }

  static int roundUp(int v, int a) {
    return (v + a - 1) / a * a;
  }

  public static Report estimate(Graph g) {
    List<TensorInfo> tensors = g.tensors();
    List<OpInfo> ops = g.ops();
    // ---- head: activations and scratch buffers through the greedy planner
    int n = tensors.size();
    int[] first = new int[n];
    int[] last = new int[n];
    java.util.Arrays.fill(first, -1);
    java.util.Arrays.fill(last, -1);
    for (int t : g.inputs()) {
      first[t] = first[t] == -1 ? 0 : first[t];
      last[t] = 0;
    }
    List<int[]> scratch = new ArrayList<>(); // {bytes, step}
    for (int i = 0; i < ops.size(); i++) {
      int step = i + 1;
      OpInfo op = ops.get(i);
      for (int t : op.outputs()) {
        if (first[t] == -1) {
          first[t] = step;
        }
      }
      for (int t : op.inputs()) {
        if (t >= 0) {
          last[t] = step;
        }
      }
      for (int t : op.outputs()) {
        last[t] = step;
      }
      for (int bytes : scratchBytes(op, tensors)) {
        scratch.add(new int[] {bytes, step});
      }
    }
    int end = ops.size();
    for (int t : g.outputs()) {
      if (first[t] == -1) {
        first[t] = end;
      }
      last[t] = end;
    }
    GreedyMemoryPlanner planner = new GreedyMemoryPlanner();
    for (int t = 0; t < n; t++) {
      TensorInfo info = tensors.get(t);
      int bytes = info.byteSize();
      if (!info.isConstant() && !info.variable() && bytes != 0) {
        planner.addBuffer(roundUp(bytes, ALIGN), first[t], last[t]);
      }
    }
    for (int[] s : scratch) {
      planner.addBuffer(roundUp(s[0], ALIGN), s[1], s[1]);
    }
    int head = planner.maxSize();

    // ---- tail: persistent allocations, in TFLite Micro's order
    Tail tail = new Tail();
    tail.alloc("SingleArenaBufferAllocator", 72, 8);
    tail.alloc("GreedyMemoryPlanner", 72, 8);
    tail.alloc("MicroAllocator", 72, 8);
    tail.alloc("MicroBuiltinDataAllocator", 16, 8);
    tail.alloc("SubgraphAllocations x1", 16, 8);
    tail.alloc("TfLiteEvalTensor x" + n, 24 * n, 8);
    tail.alloc("NodeAndRegistration x" + ops.size(), 64 * ops.size(), 8);
    for (OpInfo op : ops) {
      int[] p = builtinParams(op.name());
      if (p != null) {
        tail.alloc("op #" + op.index() + " " + op.name() + " builtin params", p[0], p[1]);
      }
    }
    for (OpInfo op : ops) {
      int size = opDataSize(op, tensors);
      if (size > 0) {
        tail.alloc("op #" + op.index() + " " + op.name() + " OpData", size, ALIGN);
      }
    }
    for (OpInfo op : ops) {
      for (int size : preparePersistent(op, tensors)) {
        tail.alloc("op #" + op.index() + " " + op.name() + " per-channel data", size, ALIGN);
      }
    }
    if (!scratch.isEmpty()) {
      tail.alloc("ScratchBufferHandle x" + scratch.size(), 8 * scratch.size(), 8);
    }
    for (int t = 0; t < n; t++) {
      TensorInfo info = tensors.get(t);
      if (info.variable()) {
        tail.alloc("variable tensor " + info.name(), info.byteSize(), ALIGN);
      }
    }
    graphTensors(tail, "input", g.inputs(), tensors);
    graphTensors(tail, "output", g.outputs(), tensors);
    return new Report(head + tail.used, head, tail.used, planner.printPlan(), tail.items);
  }

  private static void graphTensors(Tail tail, String role, int[] ids, List<TensorInfo> tensors) {
    tail.alloc(role + " TfLiteTensor* x" + ids.length, 8 * ids.length, ALIGN);
    for (int t : ids) {
      TensorInfo info = tensors.get(t);
      tail.alloc(role + " TfLiteTensor " + info.name(), 64, 8);
      if (info.isQuantized()) {
        tail.alloc(role + " TfLiteAffineQuantization", 24, 8);
        tail.alloc(role + " zero points", 4 + 4 * info.scales().length, 4);
      }
    }
  }

  /** sizeof/alignof of the TfLite*Params struct the op's parser allocates, or null for none. */
  static int[] builtinParams(String op) {
    return switch (op) {
      case "CONV_2D", "DEPTHWISE_CONV_2D" -> new int[] {28, 4};
      case "FULLY_CONNECTED" -> new int[] {16, 4};
      case "AVERAGE_POOL_2D", "MAX_POOL_2D" -> new int[] {40, 4};
      case "RESHAPE", "SQUEEZE" -> new int[] {36, 4};
      case "SOFTMAX", "MUL", "LEAKY_RELU", "SHAPE" -> new int[] {4, 4};
      case "ADD", "SUB", "CONCATENATION", "PACK" -> new int[] {8, 4};
      case "MEAN" -> new int[] {1, 1};
      case "TRANSPOSE_CONV" -> new int[] {20, 4};
      case "STRIDED_SLICE" -> new int[] {24, 4};
      default -> null; // EXPAND_DIMS, LOGISTIC, TANH, RELU, RELU6, HARD_SWISH, PAD, QUANTIZE, DEQUANTIZE
    };
  }

  /** sizeof the OpData the kernel's Init allocates (0 for kernels without Init). */
  static int opDataSize(OpInfo op, List<TensorInfo> tensors) {
    return switch (op.name()) {
      case "CONV_2D", "DEPTHWISE_CONV_2D" -> 72;
      case "FULLY_CONNECTED" -> 64;
      case "AVERAGE_POOL_2D", "MAX_POOL_2D" -> 32;
      case "SOFTMAX" -> 80;
      case "LOGISTIC", "TANH" -> 16;
      case "RELU" -> 28;
      case "RELU6" -> 8;
      case "LEAKY_RELU" -> 24;
      case "HARD_SWISH" -> 20;
      case "ADD" -> 60;
      case "SUB" -> 52;
      case "MUL" -> 36;
      case "MEAN" -> 44;
      case "PAD", "PADV2" -> 56;
      case "CONCATENATION" -> 40;
      case "TRANSPOSE_CONV" -> 80;
      case "STRIDED_SLICE" -> 84;
      case "QUANTIZE", "DEQUANTIZE" -> 32;
      default -> 0; // RESHAPE, SQUEEZE, EXPAND_DIMS, SHAPE, PACK
    };
  }

  /** Persistent buffers kernels allocate in Prepare: per-channel multipliers and shifts. */
  static int[] preparePersistent(OpInfo op, List<TensorInfo> tensors) {
    switch (op.name()) {
      case "CONV_2D", "DEPTHWISE_CONV_2D", "TRANSPOSE_CONV" -> {
        TensorInfo filter = tensors.get(op.inputs()[1]);
        int dim = op.name().equals("DEPTHWISE_CONV_2D") ? 3 : 0;
        int channels = filter.shape()[dim];
        return new int[] {4 * channels, 4 * channels};
      }
      case "FULLY_CONNECTED" -> {
        TensorInfo filter = tensors.get(op.inputs()[1]);
        if (filter.type() == ElementType.INT8 && filter.scales().length > 1) {
          return new int[] {4 * filter.scales().length, 4 * filter.scales().length};
        }
        return new int[0];
      }
      default -> {
        return new int[0];
      }
    }
  }

  /** Scratch buffers kernels request in the arena during Prepare. */
  static int[] scratchBytes(OpInfo op, List<TensorInfo> tensors) {
    switch (op.name()) {
      case "MEAN" -> {
        TensorInfo in = tensors.get(op.inputs()[0]);
        TensorInfo axis = tensors.get(op.inputs()[1]);
        TensorInfo out = tensors.get(op.outputs()[0]);
        int rank = in.shape().length;
        if (in.type() == ElementType.INT8) {
          return new int[] {4 * out.elementCount(), 4 * rank, 4 * axis.elementCount()};
        }
        return new int[] {4 * rank, 4 * axis.elementCount()};
      }
      case "TRANSPOSE_CONV" -> {
        TensorInfo in = tensors.get(op.inputs()[2]);
        TensorInfo out = tensors.get(op.outputs()[0]);
        return in.type() == ElementType.INT8 ? new int[] {4 * out.elementCount()} : new int[0];
      }
      default -> {
        return new int[0];
      }
    }
  }
}
