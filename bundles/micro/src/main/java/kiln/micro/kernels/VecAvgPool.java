package kiln.micro.kernels;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Int8 AVERAGE_POOL_2D on the Vector API: per output pixel, the window's channel vectors summed
 * as ints, then divided rounding half away from zero as TFLite Micro does:
 * sign(s) * floor((|s| + count / 2) / count), by a shift when the window count is a power of two
 * (2x2 pools), else lane by lane as the scalar kernel ({@link Pool2D.Int8Pool#divide}). Loaded
 * only when the Vector API is present ({@link VectorSupport}).
 */
final class VecAvgPool implements Int8Eval {
  private static final VectorSpecies<Integer> S = VecRequant.S;
  private static final VectorSpecies<Byte> B = VecRequant.B;
  private static final int L = S.length();

  private final Pool2D.Geometry g;
  private final byte[] in;
  private final byte[] out;
  private final int min;
  private final int max;
  private final int[] lanes = new int[L];
  private final int[] sums = new int[L];

  VecAvgPool(Pool2D.Geometry g, byte[] in, byte[] out, int min, int max) {
    this.g = g;
    this.in = in;
    this.out = out;
    this.min = min;
    this.max = max;
  }

  @Override
  public void eval() {
    final Pool2D.Geometry g = this.g;
    final int depth = g.depth;
    for (int b = 0; b < g.batches; b++) {
      for (int oy = 0; oy < g.outH; oy++) {
        int y0 = oy * g.strideH - g.padH;
        int fyStart = Math.max(0, -y0);
        int fyEnd = Math.min(g.fH, g.inH - y0);
        for (int ox = 0; ox < g.outW; ox++) {
          int x0 = ox * g.strideW - g.padW;
          int fxStart = Math.max(0, -x0);
          int fxEnd = Math.min(g.fW, g.inW - x0);
          if (fyEnd <= fyStart || fxEnd <= fxStart) {
            continue; // TFLite leaves such an output unwritten (cannot happen with valid padding)
          }
          int count = (fyEnd - fyStart) * (fxEnd - fxStart);
          int ob = ((b * g.outH + oy) * g.outW + ox) * depth;
          int rowBase = ((b * g.inH + y0) * g.inW + x0) * depth;
          if (fyEnd - fyStart == 2 && fxEnd - fxStart == 2) { // the common 2x2 window
            int a = rowBase + (fyStart * g.inW + fxStart) * depth;
            int d = g.inW * depth;
            for (int c = 0; c < depth; c += L) {
              if (a + d + depth + c + L > in.length) {
                sum4Slow(a + c, d, depth);
              } else {
                load(a + c).add(load(a + depth + c)).add(load(a + d + c))
                    .add(load(a + d + depth + c)).intoArray(sums, 0);
              }
              store(4, ob + c, depth - c);
            }
            continue;
          }
          for (int c = 0; c < depth; c += L) {
            // the sums go through an array: a vector carried across nested loops is boxed by C2
            IntVector.zero(S).intoArray(sums, 0);
            for (int fy = fyStart; fy < fyEnd; fy++) {
              for (int fx = fxStart; fx < fxEnd; fx++) {
                add(rowBase + (fy * g.inW + fx) * depth + c);
              }
            }
            store(count, ob + c, depth - c);
          }
        }
      }
    }
  }

  /** The L input bytes from i on as ints; the caller keeps i + L inside the input. */
  private IntVector load(int i) {
    return (IntVector) ByteVector.fromArray(B, in, i).convertShape(VectorOperators.B2I, S, 0);
  }

  /** The sums of a 2x2 window at the input's end (rows d apart, columns step apart). */
  private void sum4Slow(int i, int d, int step) {
    IntVector.zero(S).intoArray(sums, 0);
    add(i);
    add(i + step);
    add(i + d);
    add(i + d + step);
  }

  /** Adds the L input bytes from i on to the sums (past the array's end: zeros, never stored). */
  private void add(int i) {
    IntVector v;
    if (i + L <= in.length) {
      v = (IntVector) ByteVector.fromArray(B, in, i).convertShape(VectorOperators.B2I, S, 0);
    } else {
      for (int k = 0; k < L; k++) {
        lanes[k] = i + k < in.length ? in[i + k] : 0;
      }
      v = IntVector.fromArray(S, lanes, 0);
    }
    IntVector.fromArray(S, sums, 0).add(v).intoArray(sums, 0);
  }

  /**
   * The rounded averages of the sums into out[o ..]: a whole vector where it stays inside the
   * array (lanes past this pixel's channels land on the next pixel's, written later), else the
   * first `valid` lanes. A power-of-two count divides by a shift; others lane by lane.
   */
  private void store(int count, int o, int valid) {
    IntVector s = IntVector.fromArray(S, sums, 0);
    IntVector q;
    if ((count & (count - 1)) == 0) {
      q = s.abs().add(count >>> 1)
          .lanewise(VectorOperators.LSHR, Integer.numberOfTrailingZeros(count));
      q = q.blend(q.neg(), s.compare(VectorOperators.LT, 0));
    } else {
      int half = count / 2;
      long magic = (1L << 32) / count + 1;
      for (int k = 0; k < L; k++) {
        lanes[k] = Pool2D.Int8Pool.divide(sums[k], half, magic);
      }
      q = IntVector.fromArray(S, lanes, 0);
    }
    q = q.max(min).min(max);
    if (o + L <= out.length) {
      ((ByteVector) q.convertShape(VectorOperators.I2B, B, 0)).intoArray(out, o);
    } else {
      q.intoArray(lanes, 0);
      for (int k = 0, e = Math.min(L, valid); k < e; k++) {
        out[o + k] = (byte) lanes[k];
      }
    }
  }
}
