package kiln.tflite.arena;

import java.util.ArrayList;
import java.util.List;
import kiln.tflite.Operator;
import kiln.tflite.Subgraph;
import kiln.tflite.Tensor;
import kiln.tflite.TensorType;

/**
 * One op as a kernel's Prepare sees it, and what the Prepare asks of the arena: persistent buffers
 * ({@code context->AllocatePersistentBuffer}, kept for good, 16-aligned) and scratch buffers
 * ({@code context->RequestScratchBufferInArena}, planned with the tensors, alive while the op runs).
 */
final class KernelOp {
  private final Subgraph graph;
  private final Operator op;
  final List<String> persistentNames = new ArrayList<>();
  final List<Long> persistent = new ArrayList<>();
  final List<Long> scratch = new ArrayList<>();

  KernelOp(Subgraph graph, Operator op) {
    this.graph = graph;
    this.op = op;
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
