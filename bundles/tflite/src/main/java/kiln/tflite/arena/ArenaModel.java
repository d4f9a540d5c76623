package kiln.tflite.arena;

import java.util.ArrayList;
import java.util.List;
import kiln.api.KilnException;
import kiln.tflite.Operator;
import kiln.tflite.Subgraph;
import kiln.tflite.Tensor;
import kiln.tflite.TensorType;
import kiln.tflite.TfliteModel;

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
 * fixture models.
 *
 * <p>A model of several subgraphs (IF, WHILE, CALL_ONCE) is allocated as TFLite Micro's
 * MicroAllocator does it: one SubgraphAllocations per subgraph, each subgraph's TfLiteEvalTensors,
 * then each one's NodeAndRegistrations, every op's options, Init and Prepare in subgraph order,
 * every subgraph's variable tensors, one plan for all subgraphs' tensors and scratch buffers
 * ({@link Lifetimes}); the interpreter's input and output TfLiteTensors are the main subgraph's.
 * A model with resource variables (VAR_HANDLE) also holds the application's
 * MicroResourceVariables, taken from the same arena with one slot per variable the model creates
 * (what TFLite Micro's own tests do: {@code MicroResourceVariables::Create(allocator, n)} on the
 * interpreter's MicroAllocator before AllocateTensors), and each variable's buffer
 * ({@link Resources}).
 */
public final class ArenaModel {
  static final int ALIGN = 16;

  /** The scratch buffers an op's kernel requests while it runs. */
  @FunctionalInterface
  public interface Scratch {
    /** Bytes of each buffer op {@code opIndex} requests (none: an empty array). */
    long[] of(int opIndex);
  }

  /** Scratch requests of op {@code op} of subgraph {@code subgraph}. */
  private interface ModelScratch {
    long[] of(int subgraph, int op);
  }

  /** The kernels' view of every op, and the resource variables their Prepares created. */
  private record Prepared(List<List<KernelOp>> ops, Resources resources) {
    KernelOp get(int subgraph, int op) {
      return ops.get(subgraph).get(op);
    }
  }

  private ArenaModel() {}

  /**
   * The arena with TFLite Micro's reference kernels on a 32-bit device ({@link Target#CORTEX_M}):
   * "arena, 32-bit TFLM reference kernels", what the micro runtime and the profiler report.
   */
  public static ArenaReport estimate(Subgraph g) {
    return estimate(g, Target.CORTEX_M, TflmKernels.REFERENCE);
  }

  /** {@link #estimate(Subgraph)} of a whole model, every subgraph allocated. */
  public static ArenaReport estimate(TfliteModel model) {
    return estimate(model.subgraphs(), Target.CORTEX_M, TflmKernels.REFERENCE);
  }

  /** The arena on {@code target} with {@code kernels} (their persistent data and scratch). */
  public static ArenaReport estimate(Subgraph g, Target target, TflmKernels kernels) {
    return estimate(List.of(g), target, kernels);
  }

  /**
   * The arena of a model of several subgraphs (the main one first) on {@code target} with
   * {@code kernels}.
   */
  public static ArenaReport estimate(List<Subgraph> model, Target target, TflmKernels kernels) {
    if (model.isEmpty()) {
      throw new KilnException("arena: the model has no subgraph (expected at least the main one)");
    }
    Prepared prepared = prepare(model, target, kernels);
    return estimate(model, target, kernels, prepared,
        (s, i) -> toArray(prepared.get(s, i).scratch));
  }

  /**
   * The arena on {@code target} with the reference kernels' persistent data but another back-end's
   * scratch buffers (an accelerator's kernels replacing the reference ones' requests).
   */
  public static ArenaReport estimate(Subgraph g, Target target, Scratch scratch) {
    List<Subgraph> model = List.of(g);
    return estimate(model, target, TflmKernels.REFERENCE,
        prepare(model, target, TflmKernels.REFERENCE), (s, i) -> scratch.of(i));
  }

  /**
   * {@link #estimate(Subgraph, Target, Scratch)} of a model of several subgraphs: the main
   * subgraph's ops request {@code mainScratch}, the other subgraphs' the reference kernels'.
   */
  public static ArenaReport estimate(List<Subgraph> model, Target target, Scratch mainScratch) {
    Prepared prepared = prepare(model, target, TflmKernels.REFERENCE);
    return estimate(model, target, TflmKernels.REFERENCE, prepared,
        (s, i) -> s == 0 ? mainScratch.of(i) : toArray(prepared.get(s, i).scratch));
  }

  /** The scratch buffers of TFLite Micro's reference kernels (MEAN, int8 TRANSPOSE_CONV, ...). */
  public static Scratch referenceScratch(Subgraph g) {
    Prepared prepared = prepare(List.of(g), Target.CORTEX_M, TflmKernels.REFERENCE);
    return i -> toArray(prepared.get(0, i).scratch);
  }

  /**
   * The bytes TFLite Micro gives a tensor's buffer (TfLiteEvalTensorByteLength, memory_helpers.cc
   * TfLiteTypeSizeOf): a resource is an int32 per element, int4 a byte per element, a type
   * without a fixed size nothing.
   */
  static long tensorBytes(Tensor t) {
    return switch (t.type()) {
      case RESOURCE, INT4 -> (t.type() == TensorType.RESOURCE ? 4 : 1) * t.elementCount();
      default -> Math.max(0, t.byteSize());
    };
  }

  // InitSubgraphs then PrepareSubgraphs: every op of subgraph 0, then of subgraph 1, ...
  private static Prepared prepare(List<Subgraph> model, Target target, TflmKernels kernels) {
    Resources resources = new Resources();
    List<List<KernelOp>> out = new ArrayList<>();
    for (int s = 0; s < model.size(); s++) {
      Subgraph g = model.get(s);
      List<KernelOp> ops = new ArrayList<>();
      for (Operator op : g.operators()) {
        ops.add(new KernelOp(g, s, op, target, resources));
      }
      out.add(ops);
    }
    for (List<KernelOp> ops : out) {
      for (KernelOp k : ops) {
        TflmKernels.Kernel kernel = kernels.of(k.op());
        if (kernel != null) {
          kernel.prepare().run(k);
        }
      }
    }
    return new Prepared(out, resources);
  }

  private static ArenaReport estimate(List<Subgraph> model, Target target, TflmKernels kernels,
      Prepared prepared, ModelScratch scratch) {
    Lifetimes life = Lifetimes.of(model);
    GreedyMemoryPlanner planner = new GreedyMemoryPlanner();
    // AllocationInfoBuilder::InitializeAllocationInfo: every subgraph's tensors in order, those
    // without data (not constants, not resource handles set in Prepare), not variables and not
    // empty; then the scratch requests in the order the Prepares made them
    for (int s = 0; s < model.size(); s++) {
      List<Tensor> tensors = model.get(s).tensors();
      for (int t = 0; t < tensors.size(); t++) {
        Tensor tensor = tensors.get(t);
        long bytes = tensorBytes(tensor);
        if (!tensor.hasData() && !tensor.isVariable() && bytes != 0
            && !prepared.resources().isHandle(s, t)) {
          planner.addBuffer(roundUp(bytes), life.first()[s][t], life.last()[s][t]);
        }
      }
    }
    int scratchBuffers = 0;
    for (int s = 0; s < model.size(); s++) {
      for (int i = 0; i < model.get(s).operators().size(); i++) {
        for (long bytes : scratch.of(s, i)) {
          planner.addBuffer(roundUp(bytes), life.scratchFirst()[s][i], life.scratchLast()[s][i]);
          scratchBuffers++;
        }
      }
    }
    Tail tail = persistent(model, target, kernels, prepared, scratchBuffers);
    long head = planner.maxSize();
    List<String> unmodelled = new ArrayList<>();
    for (Subgraph g : model) {
      for (Operator op : g.operators()) {
        TflmKernels.Kernel k = kernels.of(op);
        String name = op.op() == null ? "unknown" : op.checkName();
        if (k == null && !unmodelled.contains(name)) {
          unmodelled.add(name);
        }
      }
    }
    return new ArenaReport(head + tail.used(), head, tail.used(), planner.printPlan(),
        tail.items(), tail.parts(), kernels.name(), unmodelled);
  }

  private static Tail persistent(List<Subgraph> model, Target target, TflmKernels kernels,
      Prepared prepared, int scratchBuffers) {
    Subgraph main = model.get(0);
    int n = model.size();
    Tail tail = new Tail();
    tail.part("runtime objects (allocator, planner, micro allocator, builtin data allocator, "
        + "subgraph allocations)");
    alloc(tail, target, "SingleArenaBufferAllocator", Structs.SINGLE_ARENA_BUFFER_ALLOCATOR, 1);
    alloc(tail, target, "GreedyMemoryPlanner", Structs.GREEDY_MEMORY_PLANNER, 1);
    alloc(tail, target, "MicroAllocator", Structs.MICRO_ALLOCATOR, 1);
    int variables = prepared.resources().count();
    if (variables > 0) {
      // MicroResourceVariables::Create: the object, then the variable array, each through
      // MicroAllocator::AllocatePersistentBuffer (16-aligned)
      tail.part("resource variables (MicroResourceVariables and its buffers)");
      tail.alloc("MicroResourceVariables", target.sizeOf(Structs.MICRO_RESOURCE_VARIABLES), ALIGN);
      tail.alloc("MicroResourceVariable x" + variables,
          (long) target.sizeOf(Structs.MICRO_RESOURCE_VARIABLE) * variables, ALIGN);
      tail.part("runtime objects (allocator, planner, micro allocator, builtin data allocator, "
          + "subgraph allocations)");
    }
    alloc(tail, target, "MicroBuiltinDataAllocator", Structs.MICRO_BUILTIN_DATA_ALLOCATOR, 1);
    alloc(tail, target, "SubgraphAllocations x" + n, Structs.SUBGRAPH_ALLOCATIONS, n);
    tail.part("TfLiteEvalTensor per tensor");
    for (int s = 0; s < n; s++) {
      int count = model.get(s).tensors().size();
      alloc(tail, target, prefix(s) + "TfLiteEvalTensor x" + count, Structs.TFLITE_EVAL_TENSOR,
          count);
    }
    tail.part("NodeAndRegistration per op");
    for (int s = 0; s < n; s++) {
      int count = model.get(s).operators().size();
      alloc(tail, target, prefix(s) + "NodeAndRegistration x" + count,
          Structs.NODE_AND_REGISTRATION, count);
    }
    tail.part("builtin options structs");
    for (int s = 0; s < n; s++) {
      List<Operator> ops = model.get(s).operators();
      for (int i = 0; i < ops.size(); i++) {
        TflmKernels.Kernel k = kernels.of(ops.get(i));
        if (k != null && k.params() != null) {
          alloc(tail, target, name(s, i, ops.get(i)) + " builtin params", k.params(), 1);
        }
      }
    }
    tail.part("kernel OpData (Init)");
    for (int s = 0; s < n; s++) {
      List<Operator> ops = model.get(s).operators();
      for (int i = 0; i < ops.size(); i++) {
        TflmKernels.Kernel k = kernels.of(ops.get(i));
        if (k != null && k.opData() != null) {
          tail.alloc(name(s, i, ops.get(i)) + " OpData", target.sizeOf(k.opData()), ALIGN);
        }
      }
    }
    tail.part("kernel persistent buffers (Prepare)");
    for (int s = 0; s < n; s++) {
      List<Operator> ops = model.get(s).operators();
      for (int i = 0; i < ops.size(); i++) {
        KernelOp k = prepared.get(s, i);
        for (int j = 0; j < k.persistent.size(); j++) {
          tail.alloc(name(s, i, ops.get(i)) + " " + k.persistentNames.get(j),
              k.persistent.get(j), ALIGN);
        }
      }
    }
    tail.part("ScratchBufferHandle per scratch buffer");
    if (scratchBuffers > 0) {
      alloc(tail, target, "ScratchBufferHandle x" + scratchBuffers, Structs.SCRATCH_BUFFER_HANDLE,
          scratchBuffers);
    }
    tail.part("variable tensors");
    for (int s = 0; s < n; s++) {
      for (Tensor t : model.get(s).tensors()) {
        if (t.isVariable()) {
          tail.alloc(prefix(s) + "variable tensor " + t.name(), tensorBytes(t), ALIGN);
        }
      }
    }
    tail.part("graph input and output TfLiteTensors");
    graphTensors(tail, target, "input", main.inputs(), main);
    graphTensors(tail, target, "output", main.outputs(), main);
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

  private static String name(int subgraph, int index, Operator op) {
    return prefix(subgraph) + "op #" + index + " " + (op.op() == null ? "unknown" : op.op().name());
  }

  /** Nothing for the main subgraph, "subgraph N " for the others. */
  private static String prefix(int subgraph) {
    return subgraph == 0 ? "" : "subgraph " + subgraph + " ";
  }

  private static long[] toArray(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).toArray();
  }

  private static long roundUp(long bytes) {
    return (bytes + ALIGN - 1) / ALIGN * ALIGN;
  }
}
