package kiln.micro.kernels;

import java.util.Arrays;
import kiln.api.model.ElementType;

/** Helpers of the shape and data-movement ops (ShapeOps): strides, constant index inputs, axes. */
final class Shapes {
  private Shapes() {}

  /** Row-major strides of a shape: stride[i] = product of shape[i+1..]. */
  static int[] strides(int[] shape) {
    int[] s = new int[shape.length];
    int k = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      s[i] = k;
      k *= shape[i];
    }
    return s;
  }

  static int product(int[] shape, int from, int to) {
    int n = 1;
    for (int i = from; i < to; i++) {
      n *= shape[i];
    }
    return n;
  }

  /** The values of a constant int32 (or int64, narrowed) input, checked as TFLite Micro needs. */
  static int[] constInts(Prep p, Tensor t, String role) {
    p.requireConstant(t, role);
    p.requireType(t, role, ElementType.INT32, ElementType.INT64);
    return t.i32.clone();
  }

  /** The data types a kernel moves or computes, as TFLite Micro's kernel accepts them. */
  static void requireData(Prep p, Tensor t, String role, ElementType... allowed) {
    p.requireType(t, role, allowed);
  }

  /** An axis in [-rank, rank) as a non-negative index. */
  static int axis(Prep p, int axis, int rank, String what) {
    int a = axis < 0 ? axis + rank : axis;
    p.require(a >= 0 && a < rank, what + " " + axis + " is out of range for rank " + rank
        + " (expected -" + rank + " to " + (rank - 1) + ")");
    return a;
  }

  /** A kernel that runs several others in turn (one per output of a multi-output op). */
  static Kernel all(Kernel... kernels) {
    return new Kernel() {
      @Override
      public void eval() {
        for (Kernel k : kernels) {
          k.eval();
        }
      }
    };
  }

  static String str(int[] shape) {
    return Arrays.toString(shape);
  }
}
