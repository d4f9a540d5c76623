package kiln.micro.kernels;

import kiln.api.model.ElementType;
import kiln.micro.reference.QuantArith;

/**
 * BATCH_MATMUL: out[..., m, n] = sum_k lhs[..., m, k] * rhs[..., k, n] over broadcast batch
 * dimensions (ranks 2 to 5), adj_x / adj_y transposing the last two dimensions of lhs / rhs.
 * Int8 as TFLite Micro's reference: int32 sums of zero-point-shifted values, the multiplier
 * lhs_scale * rhs_scale (product in float) / out_scale, double rounding, clamped to int8. Int16
 * (zero points 0): int64 sums and the 64-bit MultiplyByQuantizedMultiplier (a 16-bit multiplier,
 * one rounding), clamped to int16.
 */
public final class BatchMatMul extends Kernel {
  private final Tensor lhs;
  private final Tensor rhs;
  private final Tensor out;
  private final int[] lhsBatch; // per output batch: the element offset of its lhs matrix
  private final int[] rhsBatch;
  private final int rows; // M
  private final int cols; // N
  private final int depth; // K
  private final boolean adjX;
  private final boolean adjY;
  private final int lhsZp;
  private final int rhsZp;
  private final int outZp;
  private final int multiplier;
  private final int shift;

  private BatchMatMul(Prep p, Tensor lhs, Tensor rhs, Tensor out) {
    this.lhs = lhs;
    this.rhs = rhs;
    this.out = out;
    adjX = p.options.boolField("adjX");
    adjY = p.options.boolField("adjY");
    int rank = Math.max(lhs.rank(), rhs.rank());
    int[] l = extend(lhs.shape, rank);
    int[] r = extend(rhs.shape, rank);
    rows = adjX ? l[rank - 1] : l[rank - 2];
    depth = adjX ? l[rank - 2] : l[rank - 1];
    int rhsDepth = adjY ? r[rank - 1] : r[rank - 2];
    cols = adjY ? r[rank - 2] : r[rank - 1];
    p.require(depth == rhsDepth, "lhs " + Shapes.str(lhs.shape) + " and rhs "
        + Shapes.str(rhs.shape) + " do not agree in the summed dimension (" + depth + " vs "
        + rhsDepth + "; adj_x " + adjX + ", adj_y " + adjY + ")");
    int[] expected = new int[rank];
    for (int i = 0; i < rank - 2; i++) {
      p.require(l[i] == r[i] || l[i] == 1 || r[i] == 1, "batch dimension " + i + " of lhs "
          + Shapes.str(lhs.shape) + " and rhs " + Shapes.str(rhs.shape) + " do not broadcast");
      expected[i] = Math.max(l[i], r[i]);
    }
    expected[rank - 2] = rows;
    expected[rank - 1] = cols;
    p.requireShape(out, expected);
    int batches = Shapes.product(expected, 0, rank - 2);
    lhsBatch = new int[batches];
    rhsBatch = new int[batches];
    int[] ls = Shapes.strides(l);
    int[] rs = Shapes.strides(r);
    int[] idx = new int[rank - 2];
    int[] batchShape = java.util.Arrays.copyOf(expected, rank - 2);
    for (int b = 0; b < batches; b++) {
      for (int i = 0; i < rank - 2; i++) {
        lhsBatch[b] += (l[i] == 1 ? 0 : idx[i]) * ls[i];
        rhsBatch[b] += (r[i] == 1 ? 0 : idx[i]) * rs[i];
      }
      Movement.increment(idx, batchShape);
    }
    if (lhs.type() != ElementType.FLOAT32) {
      p.requireQuantized(lhs, "lhs");
      p.requireQuantized(rhs, "rhs");
      p.requireQuantized(out, "output");
      double real = (double) (lhs.scale() * rhs.scale()) / (double) out.scale();
      QuantArith.Multiplier q = QuantArith.quantizeMultiplier(real);
      multiplier = q.multiplier();
      shift = q.shift();
      lhsZp = lhs.zeroPoint();
      rhsZp = rhs.zeroPoint();
      outZp = out.zeroPoint();
      if (lhs.type() == ElementType.INT16) {
        p.require(lhsZp == 0 && rhsZp == 0 && outZp == 0, "int16 lhs, rhs and output must have "
            + "zero point 0, found " + lhsZp + ", " + rhsZp + " and " + outZp);
      }
    } else {
      multiplier = 0;
      shift = 0;
      lhsZp = 0;
      rhsZp = 0;
      outZp = 0;
    }
  }

  public static Kernel prepare(Prep p) {
    p.require(p.inputCount() == 2, "needs 2 inputs (lhs, rhs), found " + p.inputCount());
    Tensor lhs = p.in(0);
    Tensor rhs = p.in(1);
    Tensor out = p.out(0);
    p.requireType(lhs, "lhs", ElementType.INT8, ElementType.INT16, ElementType.FLOAT32);
    p.requireSameType(lhs, rhs);
    p.requireSameType(lhs, out);
    for (Tensor t : new Tensor[] {lhs, rhs}) {
      p.require(t.rank() >= 2 && t.rank() <= 5, "'" + t.name() + "' must have rank 2 to 5, found "
          + "shape " + Shapes.str(t.shape));
    }
    return new BatchMatMul(p, lhs, rhs, out);
  }

  private static int[] extend(int[] shape, int rank) {
    int[] r = new int[rank];
    int pad = rank - shape.length;
    for (int i = 0; i < rank; i++) {
      r[i] = i < pad ? 1 : shape[i - pad];
    }
    return r;
  }

  /** The int32 sum of output element e (int8 only; tests check rounding ties with it). */
  public int accumulatorAt(int e) {
    int b = e / (rows * cols);
    int m = (e / cols) % rows;
    int n = e % cols;
    int acc = 0;
    for (int k = 0; k < depth; k++) {
      acc += (lhs.i8[lhsAt(b, m, k)] - lhsZp) * (rhs.i8[rhsAt(b, k, n)] - rhsZp);
    }
    return acc;
  }

  public int multiplier() {
    return multiplier;
  }

  public int shift() {
    return shift;
  }

  public int outputZeroPoint() {
    return outZp;
  }

  private int lhsAt(int b, int m, int k) {
    return lhsBatch[b] + (adjX ? k * rows + m : m * depth + k);
  }

  private int rhsAt(int b, int k, int n) {
    return rhsBatch[b] + (adjY ? n * depth + k : k * cols + n);
  }

  @Override
  public void eval() {
    int e = 0;
    for (int b = 0; b < lhsBatch.length; b++) {
      for (int m = 0; m < rows; m++) {
        for (int n = 0; n < cols; n++) {
          if (out.i8 != null) {
            int acc = 0;
            for (int k = 0; k < depth; k++) {
              acc += (lhs.i8[lhsAt(b, m, k)] - lhsZp) * (rhs.i8[rhsAt(b, k, n)] - rhsZp);
            }
            int v = QuantArith.multiplyByQuantizedMultiplier(acc, multiplier, shift) + outZp;
            out.i8[e++] = (byte) Math.min(Math.max(v, -128), 127);
          } else if (out.i16 != null) {
            long acc = 0;
            for (int k = 0; k < depth; k++) {
              acc += (long) lhs.i16[lhsAt(b, m, k)] * rhs.i16[rhsAt(b, k, n)];
            }
            int v = QuantArith.multiplyByQuantizedMultiplier(acc, multiplier, shift);
            out.i16[e++] = (short) Math.min(Math.max(v, Short.MIN_VALUE), Short.MAX_VALUE);
          } else {
            float acc = 0f;
            for (int k = 0; k < depth; k++) {
              acc += lhs.f32[lhsAt(b, m, k)] * rhs.f32[rhsAt(b, k, n)];
            }
            out.f32[e++] = acc;
          }
        }
      }
    }
  }
}
