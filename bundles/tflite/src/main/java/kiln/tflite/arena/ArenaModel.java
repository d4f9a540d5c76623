package kiln.tflite.arena;

import java.util.List;
import kiln.tflite.Operator;
import kiln.tflite.Subgraph;
import kiln.tflite.Tensor;

/**
 * What TFLite Micro's {@code MicroInterpreter::arena_used_bytes()} reports after
 * {@code AllocateTensors()} (greedy planner, 16-byte aligned arena), the sum of two parts:
 *
 * <ul>
 *   <li><b>head</b> (non-persistent): the {@link GreedyMemoryPlanner} plan of every activation
 *       tensor (not constants, not variables) and every scratch buffer kernels request, each rounded
 *       up to 16 bytes, with TFLite Micro's lifetimes ({@link Lifetimes}).
 *   <li><b>tail</b> (persistent), taken from the arena's end in this order: the arena allocator,
 *       greedy planner and micro allocator objects, the builtin data allocator, one
 *       SubgraphAllocations, one TfLiteEvalTensor per tensor, one NodeAndRegistration per op; then
 *       per op its parsed builtin options struct; then per op its kernel's OpData (16-aligned); then
 *       what kernels' Prepare allocate (per-channel multipliers and shifts, 4 bytes per output
 *       channel each, 16-aligned); the scratch buffer handles; variable tensors; the input and output
 *       TfLiteTensor pointer arrays (16-aligned) and one TfLiteTensor per graph input and output
 *       with its TfLiteAffineQuantization and zero-point array.
 * </ul>
 *
 * <p>The struct sizes follow from their fields on the {@link Target} ({@link Structs}); on x86-64
 * micro_speech comes to 7312 bytes, what TFLite Micro reports. The micro runtime uses it with the
 * reference kernels' scratch, the profiler with its accelerator's kernels' scratch on a Cortex-M.
 */
public final class ArenaModel {
  static final int ALIGN = 16;

  /** The scratch buffers an op's kernel requests while it runs. */
  @FunctionalInterface
  public interface Scratch {
    /** Bytes of each buffer op {@code opIndex} requests (none: an empty array). */
    long[] of(int opIndex);
  }

  private ArenaModel() {}

  /** The arena on a 64-bit host with TFLite Micro's reference kernels. */
  public static ArenaReport estimate(Subgraph g) {
    return estimate(g, Target.X86_64, referenceScratch(g));
  }

  /** The scratch buffers of TFLite Micro's reference kernels (MEAN and int8 TRANSPOSE_CONV). */
  public static Scratch referenceScratch(Subgraph g) {
    return i -> ReferenceKernels.scratch(g, g.operators().get(i));
  }

  public static ArenaReport estimate(Subgraph g, Target target, Scratch scratch) {
    List<Tensor> tensors = g.tensors();
    List<Operator> ops = g.operators();
    Lifetimes life = Lifetimes.of(g);
    GreedyMemoryPlanner planner = new GreedyMemoryPlanner();
    for (int t = 0; t < tensors.size(); t++) {
      Tensor tensor = tensors.get(t);
      long bytes = Math.max(0, tensor.byteSize());
      if (!tensor.hasData() && !tensor.isVariable() && bytes != 0) {
        planner.addBuffer(roundUp(bytes), life.first()[t], life.last()[t]);
      }
    }
    int scratchBuffers = 0;
    for (int i = 0; i < ops.size(); i++) {
      for (long bytes : scratch.of(i)) {
        planner.addBuffer(roundUp(bytes), i + 1, i + 1);
        scratchBuffers++;
      }
    }
    Tail tail = persistent(g, target, scratchBuffers);
    long head = planner.maxSize();
    return new ArenaReport(head + tail.used(), head, tail.used(), planner.printPlan(),
        tail.items());
  }

  private static Tail persistent(Subgraph g, Target target, int scratchBuffers) {
    List<Operator> ops = g.operators();
    int n = g.tensors().size();
    Tail tail = new Tail();
    alloc(tail, target, "SingleArenaBufferAllocator", Structs.SINGLE_ARENA_BUFFER_ALLOCATOR, 1);
    alloc(tail, target, "GreedyMemoryPlanner", Structs.GREEDY_MEMORY_PLANNER, 1);
    alloc(tail, target, "MicroAllocator", Structs.MICRO_ALLOCATOR, 1);
    alloc(tail, target, "MicroBuiltinDataAllocator", Structs.MICRO_BUILTIN_DATA_ALLOCATOR, 1);
    alloc(tail, target, "SubgraphAllocations x1", Structs.SUBGRAPH_ALLOCATIONS, 1);
    alloc(tail, target, "TfLiteEvalTensor x" + n, Structs.TFLITE_EVAL_TENSOR, n);
    alloc(tail, target, "NodeAndRegistration x" + ops.size(), Structs.NODE_AND_REGISTRATION,
        ops.size());
    for (int i = 0; i < ops.size(); i++) {
      Operator op = ops.get(i);
      String params = op.op() == null ? null : Structs.builtinParams(op.op());
      if (params != null) {
        alloc(tail, target, name(i, op) + " builtin params", params, 1);
      }
    }
    for (int i = 0; i < ops.size(); i++) {
      Operator op = ops.get(i);
      String opData = op.op() == null ? null : Structs.opData(op.op());
      if (opData != null) {
        tail.alloc(name(i, op) + " OpData", target.sizeOf(opData), ALIGN);
      }
    }
    for (int i = 0; i < ops.size(); i++) {
      for (long bytes : ReferenceKernels.perChannel(g, ops.get(i))) {
        tail.alloc(name(i, ops.get(i)) + " per-channel data", bytes, ALIGN);
      }
    }
    if (scratchBuffers > 0) {
      alloc(tail, target, "ScratchBufferHandle x" + scratchBuffers, Structs.SCRATCH_BUFFER_HANDLE,
          scratchBuffers);
    }
    for (Tensor t : g.tensors()) {
      if (t.isVariable()) {
        tail.alloc("variable tensor " + t.name(), Math.max(0, t.byteSize()), ALIGN);
      }
    }
    graphTensors(tail, target, "input", g.inputs(), g);
    graphTensors(tail, target, "output", g.outputs(), g);
    return tail;
  }

  private static void graphTensors(Tail tail, Target target, String role, int[] ids, Subgraph g) {
    tail.alloc(role + " TfLiteTensor* x" + ids.length,
        (long) target.sizeOf(Structs.TENSOR_POINTER) * ids.length, ALIGN);
    for (int t : ids) {
      if (t < 0 || t >= g.tensors().size()) {
        continue;
      }
      Tensor tensor = g.tensor(t);
      alloc(tail, target, role + " TfLiteTensor " + tensor.name(), Structs.TFLITE_TENSOR, 1);
      int scales = tensor.quantization() == null ? 0 : tensor.quantization().scales().length;
      if (scales > 0) {
        alloc(tail, target, role + " TfLiteAffineQuantization",
            Structs.TFLITE_AFFINE_QUANTIZATION, 1);
        tail.alloc(role + " zero points", 4 + 4L * scales, 4);
      }
    }
  }

  /** {@code count} structs of this layout, aligned as the struct. */
  private static void alloc(Tail tail, Target target, String what, String layout, int count) {
    tail.alloc(what, (long) target.sizeOf(layout) * count, target.alignOf(layout));
  }

  private static String name(int index, Operator op) {
    return "op #" + index + " " + (op.op() == null ? "unknown" : op.op().name());
  }

  private static long roundUp(long bytes) {
    return (bytes + ALIGN - 1) / ALIGN * ALIGN;
  }
}
