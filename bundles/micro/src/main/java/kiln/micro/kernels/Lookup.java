package kiln.micro.kernels;

import kiln.api.model.ElementType;

/**
 * GATHER, GATHER_ND and EMBEDDING_LOOKUP: copy slices of the params (values) tensor picked by an
 * int32 index tensor, which may be computed at run time; an index out of range fails with the
 * op's name, as TFLite Micro's kernels report it.
 */
final class Lookup {
  private Lookup() {}

  /** GATHER with axis and batch_dims (TFLite Micro's gather.cc). */
  static Kernel prepareGather(Prep p) {
    p.require(p.inputCount() == 2, "needs 2 inputs (params, indices), found " + p.inputCount());
    Tensor params = p.in(0);
    Tensor coords = p.in(1);
    Tensor output = p.out(0);
    p.requireType(params, "params", ElementType.INT8, ElementType.FLOAT32);
    p.requireSameType(params, output);
    p.requireType(coords, "indices", ElementType.INT32);
    int axis = Shapes.axis(p, p.options.axis, params.rank(), "axis");
    int batchDims = p.options.intField("batchDims", 0);
    if (batchDims < 0) {
      batchDims += coords.rank();
    }
    p.require(batchDims >= 0 && batchDims <= axis && batchDims < params.rank()
        && batchDims <= coords.rank(), "batch_dims " + p.options.intField("batchDims", 0)
        + " must be from 0 to axis (" + axis + ") and at most the rank of the indices");
    for (int i = 0; i < batchDims; i++) {
      p.require(params.shape[i] == coords.shape[i], "params and indices must agree in their "
          + batchDims + " batch dimensions, found " + Shapes.str(params.shape) + " and "
          + Shapes.str(coords.shape));
    }
    int[] expected = new int[params.rank() + coords.rank() - 1 - batchDims];
    int k = 0;
    for (int i = 0; i < axis; i++) {
      expected[k++] = params.shape[i];
    }
    for (int i = batchDims; i < coords.rank(); i++) {
      expected[k++] = coords.shape[i];
    }
    for (int i = axis + 1; i < params.rank(); i++) {
      expected[k++] = params.shape[i];
    }
    p.requireShape(output, expected);
    int batches = Shapes.product(params.shape, 0, batchDims);
    int outer = Shapes.product(params.shape, batchDims, axis);
    int inner = Shapes.product(params.shape, axis + 1, params.rank());
    int coordSize = Shapes.product(coords.shape, batchDims, coords.rank());
    int axisSize = params.shape[axis];
    checkConstant(p, coords, axisSize);
    return new Kernel() {
      @Override
      public void eval() {
        int[] c = coords.i32;
        for (int b = 0; b < batches; b++) {
          for (int o = 0; o < outer; o++) {
            for (int i = 0; i < coordSize; i++) {
              int at = c[b * coordSize + i];
              if (at < 0 || at >= axisSize) {
                throw outOfRange(p, at, axisSize);
              }
              copy(params, ((b * outer + o) * axisSize + at) * inner, output,
                  ((b * outer + o) * coordSize + i) * inner, inner);
            }
          }
        }
      }
    };
  }

  /** GATHER_ND: the last indices dimension addresses the leading params dimensions. */
  static Kernel prepareGatherNd(Prep p) {
    p.require(p.inputCount() == 2, "needs 2 inputs (params, indices), found " + p.inputCount());
    Tensor params = p.in(0);
    Tensor indices = p.in(1);
    Tensor output = p.out(0);
    p.requireType(params, "params", ElementType.INT8, ElementType.FLOAT32);
    p.requireSameType(params, output);
    p.requireType(indices, "indices", ElementType.INT32);
    p.require(params.rank() >= 1 && indices.rank() >= 1, "params and indices must have rank >= 1");
    int nd = indices.dim(-1);
    p.require(nd <= params.rank() && nd <= 5, "indices address " + nd + " dimensions, params has "
        + params.rank() + " (at most 5 supported)");
    int[] expected = new int[indices.rank() - 1 + params.rank() - nd];
    int k = 0;
    for (int i = 0; i < indices.rank() - 1; i++) {
      expected[k++] = indices.shape[i];
    }
    for (int i = nd; i < params.rank(); i++) {
      expected[k++] = params.shape[i];
    }
    p.requireShape(output, expected);
    int slices = Shapes.product(indices.shape, 0, indices.rank() - 1);
    int sliceSize = Shapes.product(params.shape, nd, params.rank());
    int[] strides = Shapes.strides(params.shape);
    int[] dims = params.shape;
    if (indices.isConstant()) {
      for (int s = 0; s < slices; s++) {
        for (int j = 0; j < nd; j++) {
          int at = indices.i32[s * nd + j];
          p.require(at >= 0 && at < dims[j], "index " + at + " of indices '" + indices.name()
              + "' is out of range for dimension " + j + " of the params (" + dims[j] + ")");
        }
      }
    }
    return new Kernel() {
      @Override
      public void eval() {
        int[] c = indices.i32;
        for (int s = 0; s < slices; s++) {
          int from = 0;
          for (int j = 0; j < nd; j++) {
            int at = c[s * nd + j];
            if (at < 0 || at >= dims[j]) {
              throw outOfRange(p, at, dims[j]);
            }
            from += at * strides[j];
          }
          copy(params, from, output, s * sliceSize, sliceSize);
        }
      }
    };
  }

  /**
   * EMBEDDING_LOOKUP: rows of value (rank >= 2) picked by a 1-D lookup; int8 values into a float32
   * output are dequantized with the value's scale (zero point 0), as TFLite Micro's hybrid path.
   */
  static Kernel prepareEmbeddingLookup(Prep p) {
    p.require(p.inputCount() == 2, "needs 2 inputs (lookup, value), found " + p.inputCount());
    Tensor lookup = p.in(0);
    Tensor value = p.in(1);
    Tensor output = p.out(0);
    p.requireType(lookup, "lookup", ElementType.INT32);
    p.requireRank(lookup, "lookup", 1);
    p.requireType(value, "value", ElementType.INT8, ElementType.FLOAT32);
    p.require(value.rank() >= 2, "value must have rank >= 2, found shape "
        + Shapes.str(value.shape));
    boolean hybrid = value.type() == ElementType.INT8 && output.type() == ElementType.FLOAT32;
    if (!hybrid) {
      p.requireSameType(value, output);
    } else {
      p.require(value.zeroPoint() == 0, "an int8 value dequantized to float32 must have zero "
          + "point 0, found " + value.zeroPoint());
    }
    int[] expected = value.shape.clone();
    expected[0] = lookup.shape[0];
    p.requireShape(output, expected);
    int rows = value.shape[0];
    int columns = value.elementCount() / Math.max(rows, 1);
    checkConstant(p, lookup, rows);
    float scale = value.scale();
    return new Kernel() {
      @Override
      public void eval() {
        int[] ids = lookup.i32;
        for (int i = 0; i < ids.length; i++) {
          int at = ids[i];
          if (at < 0 || at >= rows) {
            throw outOfRange(p, at, rows);
          }
          if (hybrid) {
            for (int k = 0; k < columns; k++) {
              output.f32[i * columns + k] = value.i8[at * columns + k] * scale;
            }
          } else {
            copy(value, at * columns, output, i * columns, columns);
          }
        }
      }
    };
  }

  private static void checkConstant(Prep p, Tensor indices, int size) {
    if (indices.isConstant()) {
      for (int at : indices.i32) {
        p.require(at >= 0 && at < size, "index " + at + " of '" + indices.name()
            + "' is out of range, expected 0 to " + (size - 1));
      }
    }
  }

  private static kiln.api.KilnException outOfRange(Prep p, int at, int size) {
    return p.fail("index " + at + " is out of range, expected 0 to " + (size - 1));
  }

  private static void copy(Tensor from, int src, Tensor to, int dst, int n) {
    if (from.i8 != null) {
      System.arraycopy(from.i8, src, to.i8, dst, n);
    } else if (from.f32 != null) {
      System.arraycopy(from.f32, src, to.f32, dst, n);
    } else {
      System.arraycopy(from.i32, src, to.i32, dst, n);
    }
  }
}
