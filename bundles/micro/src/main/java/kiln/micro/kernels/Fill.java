package kiln.micro.kernels;

import java.util.Arrays;
import kiln.api.model.ElementType;

/** FILL (every element the scalar value input) and ZEROS_LIKE (every element raw 0). */
final class Fill {
  private Fill() {}

  private static final ElementType[] TYPES = {
      ElementType.INT8, ElementType.FLOAT32, ElementType.INT32};

  static Kernel prepareFill(Prep p) {
    p.require(p.inputCount() == 2, "needs 2 inputs (dims, value), found " + p.inputCount());
    Tensor value = p.in(1);
    Tensor output = p.out(0);
    p.requireType(value, "value", TYPES);
    p.requireSameType(value, output);
    p.require(value.rank() == 0, "value must be a scalar (rank 0), found shape "
        + Shapes.str(value.shape));
    p.requireRank(p.in(0), "dims", 1);
    int[] dims = Shapes.constInts(p, p.in(0), "dims");
    p.requireShape(output, dims);
    return new Kernel() {
      @Override
      public void eval() {
        if (output.i8 != null) {
          Arrays.fill(output.i8, value.i8[0]);
        } else if (output.f32 != null) {
          Arrays.fill(output.f32, value.f32[0]);
        } else {
          Arrays.fill(output.i32, value.i32[0]);
        }
      }
    };
  }

  static Kernel prepareZerosLike(Prep p) {
    Tensor input = p.in(0);
    Tensor output = p.out(0);
    p.requireType(input, "input", TYPES);
    p.requireSameType(input, output);
    p.requireShape(output, input.shape);
    return new Kernel() {
      @Override
      public void eval() {
        if (output.i8 != null) {
          Arrays.fill(output.i8, (byte) 0);
        } else if (output.f32 != null) {
          Arrays.fill(output.f32, 0f);
        } else {
          Arrays.fill(output.i32, 0);
        }
      }
    };
  }
}
