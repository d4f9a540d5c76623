package kiln.micro.kernels;

import kiln.api.model.ElementType;

/**
 * SPLIT, SPLIT_V and UNPACK: cut the input along one axis into consecutive pieces, one per output
 * (TFLite Micro's split.cc, split_v.cc, unpack.cc). Prepare maps each output element to its input
 * element; eval copies.
 */
final class Split {
  private Split() {}

  private static final ElementType[] TYPES = {
      ElementType.INT8, ElementType.INT16, ElementType.FLOAT32, ElementType.INT32};

  /** SPLIT: inputs (axis, input); num_splits equal pieces. */
  static Kernel prepareSplit(Prep p) {
    Tensor axisT = p.in(0);
    Tensor input = p.in(1);
    int[] axisV = Shapes.constInts(p, axisT, "axis");
    p.require(axisV.length == 1, "axis must hold one value, found " + axisV.length);
    int axis = Shapes.axis(p, axisV[0], input.rank(), "axis");
    int n = p.op.outputs().length;
    int numSplits = p.options.intField("numSplits", n);
    p.require(numSplits == n, "num_splits is " + numSplits + " but the op has " + n + " outputs");
    p.require(input.shape[axis] % n == 0, "dimension " + axis + " of input '" + input.name()
        + "' (" + input.shape[axis] + ") does not split into " + n + " equal pieces");
    int[] sizes = new int[n];
    java.util.Arrays.fill(sizes, input.shape[axis] / n);
    return pieces(p, input, axis, sizes, false);
  }

  /** SPLIT_V: inputs (input, size_splits, axis); one size may be -1 (the rest). */
  static Kernel prepareSplitV(Prep p) {
    p.require(p.inputCount() == 3, "needs 3 inputs (input, size_splits, axis), found "
        + p.inputCount());
    Tensor input = p.in(0);
    int[] sizes = Shapes.constInts(p, p.in(1), "size_splits");
    int[] axisV = Shapes.constInts(p, p.in(2), "axis");
    p.require(axisV.length == 1, "axis must hold one value, found " + axisV.length);
    int axis = Shapes.axis(p, axisV[0], input.rank(), "axis");
    int n = p.op.outputs().length;
    p.require(sizes.length == n, "size_splits has " + sizes.length + " entries for " + n
        + " outputs");
    int known = 0;
    int unknown = -1;
    for (int i = 0; i < n; i++) {
      if (sizes[i] == -1) {
        p.require(unknown < 0, "size_splits may hold at most one -1");
        unknown = i;
      } else {
        p.require(sizes[i] >= 0, "size_splits entries must be >= 0 or -1, found " + sizes[i]);
        known += sizes[i];
      }
    }
    if (unknown >= 0) {
      sizes[unknown] = input.shape[axis] - known;
      known = input.shape[axis];
    }
    p.require(known == input.shape[axis], "size_splits add up to " + known + ", dimension "
        + axis + " of the input is " + input.shape[axis]);
    return pieces(p, input, axis, sizes, false);
  }

  /** UNPACK: one output per index along axis, that dimension removed. */
  static Kernel prepareUnpack(Prep p) {
    Tensor input = p.in(0);
    int axis = Shapes.axis(p, p.options.intField("axis", 0), input.rank(), "axis");
    int n = p.op.outputs().length;
    int num = p.options.intField("num", n);
    p.require(num == n && input.shape[axis] == n, "num is " + num + ", dimension " + axis
        + " of the input is " + input.shape[axis] + " and the op has " + n + " outputs: "
        + "all three must agree");
    int[] sizes = new int[n];
    java.util.Arrays.fill(sizes, 1);
    return pieces(p, input, axis, sizes, true);
  }

  private static Kernel pieces(Prep p, Tensor input, int axis, int[] sizes, boolean dropAxis) {
    p.requireType(input, "input", TYPES);
    int outer = Shapes.product(input.shape, 0, axis);
    int inner = Shapes.product(input.shape, axis + 1, input.rank());
    int dim = input.shape[axis];
    Kernel[] parts = new Kernel[sizes.length];
    int offset = 0;
    for (int i = 0; i < sizes.length; i++) {
      Tensor out = p.out(i);
      p.requireSameType(input, out);
      int[] expected;
      if (dropAxis) {
        expected = new int[input.rank() - 1];
        for (int d = 0, j = 0; d < input.rank(); d++) {
          if (d != axis) {
            expected[j++] = input.shape[d];
          }
        }
      } else {
        expected = input.shape.clone();
        expected[axis] = sizes[i];
      }
      p.requireShape(out, expected);
      int block = sizes[i] * inner;
      int[] index = new int[outer * block];
      int e = 0;
      for (int o = 0; o < outer; o++) {
        int base = o * dim * inner + offset * inner;
        for (int k = 0; k < block; k++) {
          index[e++] = base + k;
        }
      }
      parts[i] = new Gather(new Tensor[] {input}, null, index, out, 0);
      offset += sizes[i];
    }
    return Shapes.all(parts);
  }
}
