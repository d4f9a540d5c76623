package kiln.micro.kernels;

import java.util.Arrays;
import kiln.api.model.ElementType;

/**
 * REVERSE_V2: the input with the listed axes reversed. As TFLite Micro's reverse.cc: the axes are
 * int32, negative ones count from the end, and they must be contiguous once sorted. Kiln needs the
 * axes to be a constant (every converter writes them so) and maps output to input elements once.
 */
final class Reverse {
  private Reverse() {}

  static Kernel prepare(Prep p) {
    p.require(p.inputCount() == 2, "needs 2 inputs (input, axis), found " + p.inputCount());
    Tensor input = p.in(0);
    Tensor output = p.out(0);
    p.requireType(input, "input", ElementType.INT8, ElementType.INT16, ElementType.FLOAT32, ElementType.INT32,
        ElementType.BOOL);
    p.requireSameType(input, output);
    p.requireConstant(p.in(1), "axis");
    p.requireType(p.in(1), "axis", ElementType.INT32);
    p.require(p.in(1).rank() == 1, "axis must be a vector, found shape " + Shapes.str(p.in(1).shape));
    int rank = input.rank();
    int[] axes = p.in(1).i32.clone();
    p.require(axes.length <= rank, "axis lists " + axes.length + " axes for an input of rank " + rank);
    for (int i = 0; i < axes.length; i++) {
      axes[i] = Shapes.axis(p, axes[i], rank, "axis");
    }
    Arrays.sort(axes);
    for (int i = 1; i < axes.length; i++) {
      p.require(axes[i - 1] + 1 == axes[i], "the axes " + Arrays.toString(axes)
          + " are not contiguous (TFLite Micro reverses contiguous axes only)");
    }
    p.requireShape(output, input.shape);
    boolean[] flip = new boolean[rank];
    for (int a : axes) {
      flip[a] = true;
    }
    int[] strides = Shapes.strides(input.shape);
    int[] index = new int[output.elementCount()];
    int[] idx = new int[rank];
    for (int e = 0; e < index.length; e++) {
      int k = 0;
      for (int i = 0; i < rank; i++) {
        k += (flip[i] ? input.shape[i] - 1 - idx[i] : idx[i]) * strides[i];
      }
      index[e] = k;
      Movement.increment(idx, input.shape);
    }
    return new Gather(new Tensor[] {input}, null, index, output, 0);
  }
}
