package kiln.micro.kernels;

import java.util.Arrays;
import kiln.api.model.ElementType;

/**
 * ARG_MAX and ARG_MIN along a constant int32 axis: float32 or int8 input (raw values), int32
 * output (TFLite Micro has no int64 output); ties keep the first index.
 */
public final class ArgMinMax {
  private ArgMinMax() {}

  public static Kernel prepare(Prep p, boolean max) {
    Tensor input = p.in(0);
    Tensor axisT = p.in(1);
    Tensor output = p.out(0);
    p.requireType(input, "input", ElementType.FLOAT32, ElementType.INT8);
    p.requireType(axisT, "axis", ElementType.INT32);
    p.requireConstant(axisT, "axis");
    p.require(axisT.elementCount() >= 1, "axis tensor '" + axisT.name() + "' is empty");
    p.requireType(output, "output", ElementType.INT32);
    int rank = input.rank();
    p.require(rank >= 1, "input must have rank >= 1");
    int axis = axisT.i32[0] < 0 ? axisT.i32[0] + rank : axisT.i32[0];
    p.require(axis >= 0 && axis < rank, "axis " + axisT.i32[0] + " is out of range for rank "
        + rank);
    int[] expected = new int[rank - 1];
    for (int i = 0, k = 0; i < rank; i++) {
      if (i != axis) {
        expected[k++] = input.shape[i];
      }
    }
    p.require(Arrays.equals(output.shape, expected), "output '" + output.name()
        + "' must have shape " + Arrays.toString(expected) + ", found "
        + Arrays.toString(output.shape));
    int outer = 1;
    for (int i = 0; i < axis; i++) {
      outer *= input.shape[i];
    }
    int inner = 1;
    for (int i = axis + 1; i < rank; i++) {
      inner *= input.shape[i];
    }
    int size = input.shape[axis];
    int outerCount = outer;
    int innerCount = inner;
    int[] out = output.i32;
    boolean fp = input.type() == ElementType.FLOAT32;
    return new Kernel() {
      @Override
      public void eval() {
        for (int o = 0; o < outerCount; o++) {
          for (int in = 0; in < innerCount; in++) {
            int base = o * size * innerCount + in;
            int best = 0;
            if (fp) {
              float v = input.f32[base];
              for (int i = 1; i < size; i++) {
                float c = input.f32[base + i * innerCount];
                if (max ? c > v : c < v) {
                  v = c;
                  best = i;
                }
              }
            } else {
              int v = input.i8[base];
              for (int i = 1; i < size; i++) {
                int c = input.i8[base + i * innerCount];
                if (max ? c > v : c < v) {
                  v = c;
                  best = i;
                }
              }
            }
            out[o * innerCount + in] = best;
          }
        }
      }
    };
  }
}
