package kiln.micro.kernels;

import kiln.api.model.ElementType;

/** TRANSPOSE: output dimension i is input dimension perm[i] (constant perm, up to 5-D). */
final class Transpose {
  private Transpose() {}

  static Kernel prepare(Prep p) {
    p.require(p.inputCount() == 2, "needs 2 inputs (input, perm), found " + p.inputCount());
    Tensor input = p.in(0);
    Tensor output = p.out(0);
    p.requireType(input, "input", ElementType.INT8, ElementType.INT16, ElementType.FLOAT32);
    p.requireSameType(input, output);
    int rank = input.rank();
    p.require(rank >= 1 && rank <= 5, "TRANSPOSE supports 1 to 5 dimensions, found " + rank);
    p.requireRank(p.in(1), "perm", 1);
    int[] perm = Shapes.constInts(p, p.in(1), "perm");
    p.require(perm.length == rank, "perm must have " + rank + " entries, found " + perm.length);
    boolean[] seen = new boolean[rank];
    int[] expected = new int[rank];
    for (int i = 0; i < rank; i++) {
      p.require(perm[i] >= 0 && perm[i] < rank && !seen[perm[i]],
          "perm " + Shapes.str(perm) + " is not a permutation of 0.." + (rank - 1));
      seen[perm[i]] = true;
      expected[i] = input.shape[perm[i]];
    }
    p.requireShape(output, expected);
    int[] inStrides = Shapes.strides(input.shape);
    int[] index = new int[output.elementCount()];
    int[] idx = new int[rank];
    for (int e = 0; e < index.length; e++) {
      int k = 0;
      for (int i = 0; i < rank; i++) {
        k += idx[i] * inStrides[perm[i]];
      }
      index[e] = k;
      Movement.increment(idx, expected);
    }
    return new Gather(new Tensor[] {input}, null, index, output, 0);
  }
}
