package kiln.tflite.arena;

import java.util.ArrayList;
import java.util.List;
import kiln.tflite.Operator;
import kiln.tflite.Subgraph;
import kiln.tflite.Tensor;

/**
 * What TFLite Micro's {@code MicroInterpreter::arena_used_bytes()} reports after
 * {@code AllocateTensors()} (greedy planner, 16-byte aligned arena of a size that is a multiple
 * of 16), built from what each step of {@code AllocateTensors()} takes:
 *
 * <ul>
 *   <li><b>head</b> (non-persistent, MicroAllocator::CommitStaticMemoryPlan): the
 *       {@link GreedyMemoryPlanner} plan of every activation tensor (not constants, not variables)
 *       and every scratch buffer kernels request, each rounded up to 16 bytes
 *       (MicroArenaBufferAlignment), with TFLite Micro's lifetimes ({@link Lifetimes}).
 *   <li><b>tail</b> (persistent), taken from the arena's end in this order, each at its
 *       alignment: SingleArenaBufferAllocator, GreedyMemoryPlanner and MicroAllocator
 *       (MicroAllocator::Create); MicroBuiltinDataAllocator, one SubgraphAllocations, one
 *       TfLiteEvalTensor per tensor, one NodeAndRegistration per op (StartModelAllocation); per op
 *       its parsed builtin options struct (PrepareNodeAndRegistrationDataFromFlatbuffer); per op
 *       its kernel's OpData (Init, 16-aligned); per op what its Prepare allocates (16-aligned);
 *       one ScratchBufferHandle per scratch request (FinishModelAllocation); each variable tensor's
 *       buffer (AllocateVariables, 16-aligned); the input and output TfLiteTensor* arrays
 *       (16-aligned), each followed by its TfLiteTensors, each with a TfLiteAffineQuantization and
 *       zero-point TfLiteIntArray when quantized (MicroInterpreter::AllocateTensors).
 * </ul>
 *
 * <p>The struct sizes follow from their fields on the {@link Target} ({@link Structs}); the
 * kernels' part from a per-op table ({@link TflmKernels}). With the reference kernels it
 * reproduces {@code arena_used_bytes()} of TFLite Micro built for x86-64 and for 32-bit x86 on the
 * fixture models. Only the main subgraph is modelled.
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

  /**
   * The arena with TFLite Micro's reference kernels on a 32-bit device ({@link Target#CORTEX_M}):
   * "arena, 32-bit TFLM reference kernels", what the micro runtime and the profiler report.
   */
  public static ArenaReport estimate(Subgraph g) {
    return estimate(g, Target.CORTEX_M, TflmKernels.REFERENCE);
  }

  /** The arena on {@code target} with {@code kernels} (their persistent data and scratch). */
  public static ArenaReport estimate(Subgraph g, Target target, TflmKernels kernels) {
    List<KernelOp> prepared = prepare(g, kernels);
    return estimate(g, target, kernels, prepared, i -> toArray(prepared.get(i).scratch));
  }

  /**
   * The arena on {@code target} with the reference kernels' persistent data but another back-end's
   * scratch buffers (an accelerator's kernels replacing the reference ones' requests).
   */
  public static ArenaReport estimate(Subgraph g, Target target, Scratch scratch) {
    return estimate(g, target, TflmKernels.REFERENCE, prepare(g, TflmKernels.REFERENCE), scratch);
  }

  /** The scratch buffers of TFLite Micro's reference kernels (MEAN, int8 TRANSPOSE_CONV, ...). */
  public static Scratch referenceScratch(Subgraph g) {
    List<KernelOp> prepared = prepare(g, TflmKernels.REFERENCE);
    return i -> toArray(prepared.get(i).scratch);
  }

  private static List<KernelOp> prepare(Subgraph g, TflmKernels kernels) {
    List<KernelOp> out = new ArrayList<>();
    for (Operator op : g.operators()) {
      KernelOp k = new KernelOp(g, op);
      TflmKernels.Kernel kernel = kernels.of(op.op());
      if (kernel != null) {
        kernel.prepare().run(k);
      }
      out.add(k);
    }
    return out;
  }

  private static ArenaReport estimate(Subgraph g, Target target, TflmKernels kernels,
      List<KernelOp> prepared, Scratch scratch) {
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
    Tail tail = persistent(g, target, kernels, prepared, scratchBuffers);
    long head = planner.maxSize();
    List<String> unmodelled = new ArrayList<>();
    for (Operator op : ops) {
      TflmKernels.Kernel k = kernels.of(op.op());
      String name = op.op() == null ? "unknown" : op.op().name();
      if ((k == null || !k.modelled()) && !unmodelled.contains(name)) {
        unmodelled.add(name);
      }
    }
    return new ArenaReport(head + tail.used(), head, tail.used(), planner.printPlan(),
        tail.items(), tail.parts(), kernels.name(), unmodelled);
  }

  private static Tail persistent(Subgraph g, Target target, TflmKernels kernels,
      List<KernelOp> prepared, int scratchBuffers) {
    List<Operator> ops = g.operators();
    int n = g.tensors().size();
    Tail tail = new Tail();
    tail.part("runtime objects (allocator, planner, micro allocator, builtin data allocator, "
        + "subgraph allocations)");
    alloc(tail, target, "SingleArenaBufferAllocator", Structs.SINGLE_ARENA_BUFFER_ALLOCATOR, 1);
    alloc(tail, target, "GreedyMemoryPlanner", Structs.GREEDY_MEMORY_PLANNER, 1);
    alloc(tail, target, "MicroAllocator", Structs.MICRO_ALLOCATOR, 1);
    alloc(tail, target, "MicroBuiltinDataAllocator", Structs.MICRO_BUILTIN_DATA_ALLOCATOR, 1);
    alloc(tail, target, "SubgraphAllocations x1", Structs.SUBGRAPH_ALLOCATIONS, 1);
    tail.part("TfLiteEvalTensor per tensor");
    alloc(tail, target, "TfLiteEvalTensor x" + n, Structs.TFLITE_EVAL_TENSOR, n);
    tail.part("NodeAndRegistration per op");
    alloc(tail, target, "NodeAndRegistration x" + ops.size(), Structs.NODE_AND_REGISTRATION,
        ops.size());
    tail.part("builtin options structs");
    for (int i = 0; i < ops.size(); i++) {
      TflmKernels.Kernel k = kernels.of(ops.get(i).op());
      if (k != null && k.params() != null) {
        alloc(tail, target, name(i, ops.get(i)) + " builtin params", k.params(), 1);
      }
    }
    tail.part("kernel OpData (Init)");
    for (int i = 0; i < ops.size(); i++) {
      TflmKernels.Kernel k = kernels.of(ops.get(i).op());
      if (k != null && k.opData() != null) {
        tail.alloc(name(i, ops.get(i)) + " OpData", target.sizeOf(k.opData()), ALIGN);
      }
    }
    tail.part("kernel persistent buffers (Prepare)");
    for (int i = 0; i < ops.size(); i++) {
      KernelOp k = prepared.get(i);
      for (int j = 0; j < k.persistent.size(); j++) {
        tail.alloc(name(i, ops.get(i)) + " " + k.persistentNames.get(j), k.persistent.get(j),
            ALIGN);
      }
    }
    tail.part("ScratchBufferHandle per scratch buffer");
    if (scratchBuffers > 0) {
      alloc(tail, target, "ScratchBufferHandle x" + scratchBuffers, Structs.SCRATCH_BUFFER_HANDLE,
          scratchBuffers);
    }
    tail.part("variable tensors");
    for (Tensor t : g.tensors()) {
      if (t.isVariable()) {
        tail.alloc("variable tensor " + t.name(), Math.max(0, t.byteSize()), ALIGN);
      }
    }
    tail.part("graph input and output TfLiteTensors");
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
      int scales = ReferencePrepare.scales(tensor);
      if (ReferencePrepare.affine(tensor)) {
        alloc(tail, target, role + " TfLiteAffineQuantization",
            Structs.TFLITE_AFFINE_QUANTIZATION, 1);
        // TfLiteIntArrayGetSizeInBytes(channels): int size + int data[channels], alignof int
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

  private static long[] toArray(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).toArray();
  }

  private static long roundUp(long bytes) {
    return (bytes + ALIGN - 1) / ALIGN * ALIGN;
  }
}
