package kiln.micro.kernels;

import kiln.api.model.ElementType;

/** BROADCAST_TO: repeats the input along its size-1 dimensions to a constant shape (up to 5-D). */
final class BroadcastTo {
  private BroadcastTo() {}

  static Kernel prepare(Prep p) {
    p.require(p.inputCount() == 2, "needs 2 inputs (input, shape), found " + p.inputCount());
    Tensor input = p.in(0);
    Tensor output = p.out(0);
    p.requireType(input, "input", ElementType.INT8, ElementType.FLOAT32, ElementType.INT32);
    p.requireSameType(input, output);
    p.requireRank(p.in(1), "shape", 1);
    int[] shape = Shapes.constInts(p, p.in(1), "shape");
    int rank = shape.length;
    p.require(rank <= 5, "BROADCAST_TO supports up to 5 dimensions, found " + rank);
    p.require(input.rank() <= rank, "input shape " + Shapes.str(input.shape)
        + " has more dimensions than the target shape " + Shapes.str(shape));
    int extra = rank - input.rank();
    int[] in = new int[rank]; // the input shape extended with leading 1s
    for (int i = 0; i < rank; i++) {
      in[i] = i < extra ? 1 : input.shape[i - extra];
      p.require(in[i] == 1 || in[i] == shape[i], "input shape " + Shapes.str(input.shape)
          + " does not broadcast to " + Shapes.str(shape));
    }
    p.requireShape(output, shape);
    int[] inStrides = Shapes.strides(in);
    int[] index = new int[output.elementCount()];
    int[] idx = new int[rank];
    for (int e = 0; e < index.length; e++) {
      int k = 0;
      for (int i = 0; i < rank; i++) {
        k += in[i] == 1 ? 0 : idx[i] * inStrides[i];
      }
      index[e] = k;
      Movement.increment(idx, shape);
    }
    return new Gather(new Tensor[] {input}, null, index, output, 0);
  }
}
