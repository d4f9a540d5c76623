package kiln.micro.kernels;

import java.util.Arrays;
import kiln.api.KilnException;
import kiln.api.model.ElementType;
import kiln.micro.graph.OpInfo;
import kiln.micro.graph.OpOptions;

/** What a kernel's prepare step sees: the operator, its tensors, and checks that name both. */
public final class Prep {
  public final OpInfo op;
  public final OpOptions options;
  /** The model's other subgraphs and resource variables. */
  public final ModelContext context;
  private final Tensor[] tensors;
  private final String modelName;

  /** An op of a one-subgraph model. */
  public Prep(String modelName, OpInfo op, Tensor[] tensors) {
    this(modelName, op, tensors, null);
  }

  /** An op of a model with the given context (null: one subgraph, its own variables). */
  public Prep(String modelName, OpInfo op, Tensor[] tensors, ModelContext context) {
    this.modelName = modelName;
    this.op = op;
    this.options = op.options();
    this.tensors = tensors;
    this.context = context != null ? context
        : new ModelContext(modelName, java.util.List.of(
            new kiln.micro.graph.Graph(modelName, java.util.List.of(), java.util.List.of(),
                new int[0], new int[0])));
  }

  public int inputCount() {
    return op.inputs().length;
  }

  /** Input i; fails when it is absent. */
  public Tensor in(int i) {
    Tensor t = optIn(i);
    if (t == null) {
      throw fail("input " + i + " is missing (the op has " + op.inputs().length + " inputs)");
    }
    return t;
  }

  /** Input i, or null when absent or given as -1. */
  public Tensor optIn(int i) {
    if (i >= op.inputs().length || op.inputs()[i] < 0) {
      return null;
    }
    return tensors[op.inputs()[i]];
  }

  public Tensor out(int i) {
    if (i >= op.outputs().length || op.outputs()[i] < 0) {
      throw fail("output " + i + " is missing");
    }
    return tensors[op.outputs()[i]];
  }

  /** An error naming the model, the op index and name. */
  public KilnException fail(String what) {
    return new KilnException(
        modelName + ": op #" + op.index() + " " + op.name() + ": " + what);
  }

  public void requireType(Tensor t, String role, ElementType... allowed) {
    for (ElementType a : allowed) {
      if (t.type() == a) {
        return;
      }
    }
    throw fail(role + " tensor '" + t.name() + "' must be " + Arrays.toString(allowed)
        + ", found " + t.type());
  }

  public void requireSameType(Tensor a, Tensor b) {
    if (a.type() != b.type()) {
      throw fail("tensor '" + b.name() + "' must have the type of '" + a.name() + "' ("
          + a.type() + "), found " + b.type());
    }
  }

  public void requireRank(Tensor t, String role, int rank) {
    if (t.rank() != rank) {
      throw fail(role + " tensor '" + t.name() + "' must have rank " + rank + ", found shape "
          + Arrays.toString(t.shape));
    }
  }

  public void requireQuantized(Tensor t, String role) {
    if (!t.info.isQuantized() || !(t.scale() > 0f)) {
      throw fail(role + " tensor '" + t.name()
          + "' must carry int8 quantization (scale > 0), found none");
    }
  }

  public void requireConstant(Tensor t, String role) {
    if (!t.isConstant()) {
      throw fail(role + " tensor '" + t.name() + "' must be a constant");
    }
  }

  public void requireSameCount(Tensor a, Tensor b) {
    if (a.elementCount() != b.elementCount()) {
      throw fail("tensor '" + b.name() + "' must have " + a.elementCount()
          + " elements like '" + a.name() + "', found shape " + Arrays.toString(b.shape));
    }
  }

  public void requireSameQuantization(Tensor a, Tensor b) {
    if (a.type() == ElementType.INT8
        && (a.scale() != b.scale() || a.zeroPoint() != b.zeroPoint())) {
      throw fail("tensor '" + b.name() + "' must have the scale and zero point of '" + a.name()
          + "' (" + a.scale() + ", " + a.zeroPoint() + "), found (" + b.scale() + ", "
          + b.zeroPoint() + ")");
    }
  }

  public void require(boolean condition, String what) {
    if (!condition) {
      throw fail(what);
    }
  }

  public void requireShape(Tensor t, int[] expected) {
    if (!Arrays.equals(t.shape, expected)) {
      throw fail("output tensor '" + t.name() + "' must have shape " + Arrays.toString(expected)
          + ", found " + Arrays.toString(t.shape));
    }
  }
}
