package kiln.tflite.arena;

import java.util.ArrayList;
import java.util.List;
import kiln.tflite.Operator;
import kiln.tflite.Subgraph;
import kiln.tflite.Tensor;
import kiln.tflite.TensorType;
import kiln.tflite.options.GenericOptions;

/**
 * One op as a kernel's Prepare sees it, and what the Prepare asks of the arena: persistent buffers
 * ({@code context->AllocatePersistentBuffer}, kept for good, 16-aligned) and scratch buffers
 * ({@code context->RequestScratchBufferInArena}, planned with the tensors, alive while the op runs).
 */
final class KernelOp {
  private final Subgraph graph;
  private final int subgraphIndex;
  private final Operator op;
  private final Target target;
  private final Resources resources;
  final List<String> persistentNames = new ArrayList<>();
  final List<Long> persistent = new ArrayList<>();
  final List<Long> scratch = new ArrayList<>();

  KernelOp(Subgraph graph, int subgraphIndex, Operator op, Target target, Resources resources) {
    this.graph = graph;
    this.subgraphIndex = subgraphIndex;
    this.op = op;
    this.target = target;
    this.resources = resources;
  }

  /** The machine the kernels are compiled for (pointer-sized scratch and OpData depend on it). */
  Target target() {
    return target;
  }

  /** The index of the op's subgraph in the model. */
  int subgraphIndex() {
    return subgraphIndex;
  }

  /** The model's resource variables as the Prepares so far have created them. */
  Resources resources() {
    return resources;
  }

  /** The number of inputs, omitted optional ones included. */
  int inputCount() {
    return op.inputs().length;
  }

  /** The tensor index of input {@code i}, -1 when absent. */
  int inputIndex(int i) {
    return i < op.inputs().length ? op.input(i) : -1;
  }

  /** The tensor index of output {@code i}, -1 when absent. */
  int outputIndex(int i) {
    return i < op.outputs().length ? op.output(i) : -1;
  }

  Operator op() {
    return op;
  }

  /** Input {@code i}, or null when absent (optional input -1, or out of range). */
  Tensor in(int i) {
    return i < op.inputs().length ? tensor(op.input(i)) : null;
  }

  Tensor out(int i) {
    return i < op.outputs().length ? tensor(op.output(i)) : null;
  }

  /** The type of input {@code i}, or null when it is absent. */
  TensorType inType(int i) {
    Tensor t = in(i);
    return t == null ? null : t.type();
  }

  /** {@code dims->data[d]} of input {@code i}; 0 when the input or the dimension is absent. */
  int inDim(int i, int d) {
    Tensor t = in(i);
    return t == null || d < 0 || d >= t.shape().length ? 0 : t.shape()[d];
  }

  int outDim(int i, int d) {
    Tensor t = out(i);
    return t == null || d < 0 || d >= t.shape().length ? 0 : t.shape()[d];
  }

  /** The options of the op if they are of this type, else null. */
  <T> T options(Class<T> type) {
    return type.isInstance(op.options()) ? type.cast(op.options()) : null;
  }

  /**
   * An options field by its flatbuffer accessor name ({@code adjX}, {@code sharedName}) when the
   * options are kept generically, else null.
   */
  Object field(String name) {
    return op.options() instanceof GenericOptions g ? g.fields().get(name) : null;
  }

  /** A boolean options field, false when absent (the flatbuffer default). */
  boolean boolField(String name) {
    return Boolean.TRUE.equals(field(name));
  }

  /** A string options field, null when absent. */
  String stringField(String name) {
    return field(name) instanceof String s ? s : null;
  }

  /**
   * kernel_util.cc CreateWritableTensorDimsWithCopy: the output's dims moved to a persistent
   * TfLiteIntArray, TfLiteIntArrayGetSizeInBytes(rank) = an int size and an int per dimension.
   */
  void outputDimsCopy(int output) {
    Tensor t = out(output);
    persistent("output dims (CreateWritableTensorDimsWithCopy)",
        4 + 4L * (t == null ? 0 : t.shape().length));
  }

  /** {@code context->AllocatePersistentBuffer(context, bytes)}. */
  void persistent(String what, long bytes) {
    persistentNames.add(what);
    persistent.add(bytes);
  }

  /** {@code context->RequestScratchBufferInArena(context, bytes, &index)}. */
  void scratch(long bytes) {
    scratch.add(bytes);
  }

  private Tensor tensor(int index) {
    return index >= 0 && index < graph.tensors().size() ? graph.tensor(index) : null;
  }
}
