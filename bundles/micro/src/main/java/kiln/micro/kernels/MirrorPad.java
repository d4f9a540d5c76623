package kiln.micro.kernels;

import kiln.api.model.ElementType;

/**
 * MIRROR_PAD: pads each dimension with a mirror image of the input, REFLECT (edge not repeated)
 * or SYMMETRIC (edge repeated), as TFLite Micro's mirror_pad.cc maps indices.
 */
final class MirrorPad {
  private MirrorPad() {}

  /** MirrorPadMode values of the schema. */
  static final int REFLECT = 0;
  static final int SYMMETRIC = 1;

  static Kernel prepare(Prep p) {
    Tensor input = p.in(0);
    Tensor output = p.out(0);
    p.requireType(input, "input", ElementType.INT8, ElementType.FLOAT32);
    p.requireSameType(input, output);
    int rank = input.rank();
    int mode = p.options.intField("mode", REFLECT);
    p.require(mode == REFLECT || mode == SYMMETRIC, "mode must be REFLECT (0) or SYMMETRIC (1), "
        + "found " + mode);
    int offset = mode == REFLECT ? 1 : 0;
    Tensor paddings = p.in(1);
    int[] pad = Shapes.constInts(p, paddings, "paddings");
    p.require(paddings.rank() == 2 && paddings.shape[0] == rank && paddings.shape[1] == 2,
        "paddings must have shape [" + rank + ",2], found " + Shapes.str(paddings.shape));
    int[] expected = new int[rank];
    for (int i = 0; i < rank; i++) {
      int limit = input.shape[i] - offset;
      p.require(pad[2 * i] >= 0 && pad[2 * i + 1] >= 0 && pad[2 * i] <= limit
          && pad[2 * i + 1] <= limit, "paddings of dimension " + i + " (" + pad[2 * i] + ", "
          + pad[2 * i + 1] + ") must be from 0 to " + limit + " in "
          + (mode == REFLECT ? "REFLECT" : "SYMMETRIC") + " mode for a size of " + input.shape[i]);
      expected[i] = input.shape[i] + pad[2 * i] + pad[2 * i + 1];
    }
    p.requireShape(output, expected);
    int[] inStrides = Shapes.strides(input.shape);
    int[] index = new int[output.elementCount()];
    int[] idx = new int[rank];
    for (int e = 0; e < index.length; e++) {
      int k = 0;
      for (int i = 0; i < rank; i++) {
        k += source(idx[i], pad[2 * i], input.shape[i], offset) * inStrides[i];
      }
      index[e] = k;
      Movement.increment(idx, expected);
    }
    return new Gather(new Tensor[] {input}, null, index, output, 0);
  }

  /** TFLite Micro's GetInputDimension: the input index a padded index mirrors. */
  static int source(int padded, int left, int size, int offset) {
    if (padded < left) {
      int original = left + offset - 1;
      return original - Math.min(padded, original - offset);
    }
    padded -= left;
    if (padded >= size) {
      padded -= size;
      int original = size - (1 + offset);
      return original - Math.min(padded, original);
    }
    return padded;
  }
}
