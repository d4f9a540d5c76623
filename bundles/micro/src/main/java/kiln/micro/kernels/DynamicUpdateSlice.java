package kiln.micro.kernels;

import kiln.api.model.ElementType;

/**
 * DYNAMIC_UPDATE_SLICE: the operand with {@code update} written at start indices read at run time,
 * each clamped to [0, operand_dim - update_dim], as TFLite Micro's dynamic_update_slice.cc.
 */
final class DynamicUpdateSlice extends Kernel {
  private final Tensor operand;
  private final Tensor update;
  private final Tensor start;
  private final Tensor out;
  private final int[] outStrides;
  private final int[] updateStrides;
  private final int[] clamped;
  private final int[] idx;

  private DynamicUpdateSlice(Tensor operand, Tensor update, Tensor start, Tensor out) {
    this.operand = operand;
    this.update = update;
    this.start = start;
    this.out = out;
    this.outStrides = Shapes.strides(operand.shape);
    this.updateStrides = Shapes.strides(update.shape);
    this.clamped = new int[operand.rank()];
    this.idx = new int[operand.rank()];
  }

  static Kernel prepare(Prep p) {
    p.require(p.inputCount() == 3, "needs 3 inputs (operand, update, start_indices), found " + p.inputCount());
    Tensor operand = p.in(0);
    Tensor update = p.in(1);
    Tensor start = p.in(2);
    Tensor output = p.out(0);
    p.requireType(operand, "operand", ElementType.INT8, ElementType.INT16, ElementType.FLOAT32, ElementType.INT32);
    p.requireSameType(operand, update);
    p.requireSameType(operand, output);
    p.requireType(start, "start_indices", ElementType.INT32, ElementType.INT64);
    int rank = operand.rank();
    p.require(update.rank() == rank, "update must have the operand's rank " + rank + ", found shape "
        + Shapes.str(update.shape));
    p.require(start.rank() == 1 && start.shape[0] == rank, "start_indices must be a vector of " + rank
        + " values, found shape " + Shapes.str(start.shape));
    for (int i = 0; i < rank; i++) {
      p.require(update.shape[i] <= operand.shape[i], "update dimension " + i + " (" + update.shape[i]
          + ") is larger than the operand's (" + operand.shape[i] + ")");
    }
    if (operand.type() == ElementType.INT8 || operand.type() == ElementType.INT16) {
      p.requireSameQuantization(operand, update);
      p.requireSameQuantization(operand, output);
    }
    p.requireShape(output, operand.shape);
    return new DynamicUpdateSlice(operand, update, start, output);
  }

  @Override
  public void eval() {
    int rank = clamped.length;
    for (int i = 0; i < rank; i++) {
      // int64 start indices are narrowed when the tensor is read (values that large cannot index a micro tensor)
      long s = start.i32[i];
      clamped[i] = (int) Math.min(Math.max(0, s), operand.shape[i] - update.shape[i]);
    }
    if (operand != out) {
      operand.copyTo(out);
    }
    int n = update.elementCount();
    java.util.Arrays.fill(idx, 0);
    for (int e = 0; e < n; e++) {
      int k = 0;
      for (int i = 0; i < rank; i++) {
        k += (clamped[i] + idx[i]) * outStrides[i];
      }
      if (out.i8 != null) {
        out.i8[k] = update.i8[e];
      } else if (out.f32 != null) {
        out.f32[k] = update.f32[e];
      } else if (out.i16 != null) {
        out.i16[k] = update.i16[e];
      } else {
        out.i32[k] = update.i32[e];
      }
      Movement.increment(idx, update.shape);
    }
  }
}
