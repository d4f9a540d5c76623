package kiln.micro.kernels;

import kiln.api.model.ElementType;
import kiln.micro.graph.OpOptions;

/** AVERAGE_POOL_2D and MAX_POOL_2D over NHWC, int8 (no requantization, as TFLite) or float32. */
public final class Pool2D {
  private Pool2D() {}

  static final class Geometry {
    int batches, inH, inW, depth, outH, outW, fH, fW, strideH, strideW, padH, padW;
  }

  public static Kernel prepare(Prep p, boolean average) {
    Tensor input = p.in(0);
    Tensor output = p.out(0);
    OpOptions o = p.options;
    p.requireType(input, "input", ElementType.INT8, ElementType.FLOAT32);
    p.requireSameType(input, output);
    p.requireRank(input, "input", 4);
    p.require(o.strideH > 0 && o.strideW > 0 && o.filterH > 0 && o.filterW > 0,
        "strides and filter size must be positive, found stride " + o.strideH + "x" + o.strideW
            + " filter " + o.filterH + "x" + o.filterW);
    Geometry g = new Geometry();
    g.batches = input.dim(0);
    g.inH = input.dim(1);
    g.inW = input.dim(2);
    g.depth = input.dim(3);
    g.fH = o.filterH;
    g.fW = o.filterW;
    g.strideH = o.strideH;
    g.strideW = o.strideW;
    g.outH = Padding.outSize(o.padding, g.inH, g.fH, g.strideH, 1);
    g.outW = Padding.outSize(o.padding, g.inW, g.fW, g.strideW, 1);
    g.padH = Padding.before(g.strideH, 1, g.inH, g.fH, g.outH);
    g.padW = Padding.before(g.strideW, 1, g.inW, g.fW, g.outW);
    p.requireShape(output, new int[] {g.batches, g.outH, g.outW, g.depth});
    if (input.type() == ElementType.FLOAT32) {
      float[] r = Activation.floatRange(p, o.activation);
      return new FloatPool(g, average, input.f32, output.f32, r[0], r[1]);
    }
    p.requireQuantized(input, "input");
    p.requireQuantized(output, "output");
    int[] r = Activation.quantizedRange(p, o.activation, output);
    return new Int8Pool(g, average, input.i8, output.i8, r[0], r[1]);
  }

  static final class Int8Pool extends Kernel {
    final Geometry g;
    final boolean average;
    final byte[] in, out;
    final int min, max;

    Int8Pool(Geometry g, boolean average, byte[] in, byte[] out, int min, int max) {
      this.g = g;
      this.average = average;
      this.in = in;
      this.out = out;
      this.min = min;
      this.max = max;
      this.sums = new int[g.depth];
      this.vec = average && VectorSupport.enabled() ? VecKernels.averagePool(g, in, out, min, max)
          : null;
    }

    /** The Vector API average pooling where it applies ({@link VectorSupport}), else null. */
    private final Int8Eval vec;

    /** Average pooling's per-channel sums of one output pixel. */
    private final int[] sums;

    /**
     * Per output pixel, the window's rows are summed over all channels at once (contiguous NHWC
     * runs), then each sum is divided rounding half away from zero as TFLite Micro does, by a
     * multiply and shift that is exact for these sums ({@link #divide}).
     */
    private void evalAverage() {
      final Geometry g = this.g;
      final int depth = g.depth;
      final int[] sums = this.sums;
      final byte[] in = this.in;
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
            java.util.Arrays.fill(sums, 0);
            for (int fy = fyStart; fy < fyEnd; fy++) {
              for (int fx = fxStart; fx < fxEnd; fx++) {
                int base = ((b * g.inH + y0 + fy) * g.inW + x0 + fx) * depth;
                for (int c = 0; c < depth; c++) {
                  sums[c] += in[base + c];
                }
              }
            }
            int ob = ((b * g.outH + oy) * g.outW + ox) * depth;
            int half = count / 2;
            if (count < MAX_MAGIC_COUNT) {
              long magic = (1L << 32) / count + 1;
              for (int c = 0; c < depth; c++) {
                out[ob + c] = (byte) Math.min(Math.max(divide(sums[c], half, magic), min), max);
              }
            } else {
              for (int c = 0; c < depth; c++) {
                int acc = sums[c];
                int q = acc > 0 ? (acc + half) / count : (acc - half) / count;
                out[ob + c] = (byte) Math.min(Math.max(q, min), max);
              }
            }
          }
        }
      }
    }

    /** Windows below this many elements have |sum| + count / 2 < 2^16, where divide is exact. */
    static final int MAX_MAGIC_COUNT = 500;

    /**
     * C's (acc + half) / count for acc > 0, else (acc - half) / count (division truncating), with
     * magic = floor(2^32 / count) + 1: for 0 <= n < 2^16 and count < 2^16, floor(n / count) =
     * (n * magic) >> 32 (the error n * (magic - 2^32 / count) / 2^32 stays below 1 / count).
     */
    static int divide(int acc, int half, long magic) {
      int n = acc > 0 ? acc + half : half - acc;
      int q = (int) ((n * magic) >>> 32);
      return acc > 0 ? q : -q;
    }

    @Override
    public void eval() {
      if (vec != null) {
        vec.eval();
        return;
      }
      if (average) {
        evalAverage();
        return;
      }
      final Geometry g = this.g;
      for (int b = 0; b < g.batches; b++) {
        for (int oy = 0; oy < g.outH; oy++) {
          int y0 = oy * g.strideH - g.padH;
          int fyStart = Math.max(0, -y0);
          int fyEnd = Math.min(g.fH, g.inH - y0);
          for (int ox = 0; ox < g.outW; ox++) {
            int x0 = ox * g.strideW - g.padW;
            int fxStart = Math.max(0, -x0);
            int fxEnd = Math.min(g.fW, g.inW - x0);
            int ob = ((b * g.outH + oy) * g.outW + ox) * g.depth;
            for (int c = 0; c < g.depth; c++) {
              int acc = average ? 0 : -128;
              int count = 0;
              for (int fy = fyStart; fy < fyEnd; fy++) {
                for (int fx = fxStart; fx < fxEnd; fx++) {
                  int v = in[((b * g.inH + y0 + fy) * g.inW + x0 + fx) * g.depth + c];
                  if (average) {
                    acc += v;
                  } else if (v > acc) {
                    acc = v;
                  }
                  count++;
                }
              }
              if (average) {
                if (count == 0) {
                  continue; // TFLite leaves such an output unwritten (cannot happen with valid padding)
                }
                acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
              }
              out[ob + c] = (byte) Math.min(Math.max(acc, min), max);
            }
          }
        }
      }
    }
  }

  static final class FloatPool extends Kernel {
    final Geometry g;
    final boolean average;
    final float[] in, out;
    final float min, max;

    FloatPool(Geometry g, boolean average, float[] in, float[] out, float min, float max) {
      this.g = g;
      this.average = average;
      this.in = in;
      this.out = out;
      this.min = min;
      this.max = max;
    }

    @Override
    public void eval() {
      final Geometry g = this.g;
      for (int b = 0; b < g.batches; b++) {
        for (int oy = 0; oy < g.outH; oy++) {
          int y0 = oy * g.strideH - g.padH;
          int fyStart = Math.max(0, -y0);
          int fyEnd = Math.min(g.fH, g.inH - y0);
          for (int ox = 0; ox < g.outW; ox++) {
            int x0 = ox * g.strideW - g.padW;
            int fxStart = Math.max(0, -x0);
            int fxEnd = Math.min(g.fW, g.inW - x0);
            int ob = ((b * g.outH + oy) * g.outW + ox) * g.depth;
            for (int c = 0; c < g.depth; c++) {
              float acc = average ? 0f : Float.NEGATIVE_INFINITY;
              int count = 0;
              for (int fy = fyStart; fy < fyEnd; fy++) {
                for (int fx = fxStart; fx < fxEnd; fx++) {
                  float v = in[((b * g.inH + y0 + fy) * g.inW + x0 + fx) * g.depth + c];
                  if (average) {
                    acc += v;
                  } else {
                    acc = Math.max(acc, v);
                  }
                  count++;
                }
              }
              if (average) {
                if (count == 0) {
                  continue;
                }
                acc = acc / count;
              }
              out[ob + c] = Activation.clamp(acc, min, max);
            }
          }
        }
      }
    }
  }
}
