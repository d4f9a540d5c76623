package kiln.micro.kernels;

import kiln.api.model.ElementType;

/** SLICE: a box of the input from begin with size (-1: to the end), TFLite Micro's slice.cc. */
final class Slice {
  private Slice() {}

  static Kernel prepare(Prep p) {
    p.require(p.inputCount() == 3, "needs 3 inputs (input, begin, size), found " + p.inputCount());
    Tensor input = p.in(0);
    Tensor output = p.out(0);
    p.requireType(input, "input", ElementType.INT8, ElementType.INT16, ElementType.FLOAT32,
        ElementType.INT32);
    p.requireSameType(input, output);
    int rank = input.rank();
    p.require(rank <= 5, "SLICE supports up to 5 dimensions, found " + rank);
    int[] begin = Shapes.constInts(p, p.in(1), "begin");
    int[] size = Shapes.constInts(p, p.in(2), "size");
    p.require(p.in(1).type() == p.in(2).type(), "begin and size must have one type");
    p.require(begin.length == rank && size.length == rank, "begin and size must have " + rank
        + " entries, found " + begin.length + " and " + size.length);
    int[] expected = new int[rank];
    for (int i = 0; i < rank; i++) {
      int s = size[i] == -1 ? input.shape[i] - begin[i] : size[i];
      p.require(begin[i] >= 0 && s >= 0 && begin[i] + s <= input.shape[i], "begin " + begin[i]
          + " and size " + size[i] + " leave dimension " + i + " of the input (" + input.shape[i]
          + ")");
      expected[i] = s;
    }
    p.requireShape(output, expected);
    int[] inStrides = Shapes.strides(input.shape);
    int[] index = new int[output.elementCount()];
    int[] idx = new int[rank];
    for (int e = 0; e < index.length; e++) {
      int k = 0;
      for (int i = 0; i < rank; i++) {
        k += (idx[i] + begin[i]) * inStrides[i];
      }
      index[e] = k;
      Movement.increment(idx, expected);
    }
    return new Gather(new Tensor[] {input}, null, index, output, 0);
  }
}
