package kiln.micro.kernels;

import kiln.api.model.ElementType;
import kiln.micro.reference.QuantArith;

/**
 * RESIZE_NEAREST_NEIGHBOR and RESIZE_BILINEAR of NHWC images to a constant (height, width), with
 * align_corners and half_pixel_centers as TFLite's reference kernels compute them: float
 * coordinates for nearest and float bilinear, 10-bit fixed point for int8 bilinear.
 */
final class Resize {
  private Resize() {}

  static Kernel prepareNearest(Prep p) {
    p.requireType(p.in(0), "input", ElementType.INT8, ElementType.INT16, ElementType.FLOAT32);
    Setup s = setup(p);
    int n = s.input.shape[0];
    int ih = s.input.shape[1];
    int iw = s.input.shape[2];
    int c = s.input.shape[3];
    int[] index = new int[s.output.elementCount()];
    int e = 0;
    for (int b = 0; b < n; b++) {
      for (int y = 0; y < s.outH; y++) {
        int inY = nearest(y, ih, s.outH, s.alignCorners, s.halfPixelCenters);
        for (int x = 0; x < s.outW; x++) {
          int inX = nearest(x, iw, s.outW, s.alignCorners, s.halfPixelCenters);
          int base = ((b * ih + inY) * iw + inX) * c;
          for (int d = 0; d < c; d++) {
            index[e++] = base + d;
          }
        }
      }
    }
    return new Gather(new Tensor[] {s.input}, null, index, s.output, 0);
  }

  /** TFLite's GetNearestNeighbor. */
  static int nearest(int x, int inSize, int outSize, boolean alignCorners,
      boolean halfPixelCenters) {
    float scale = alignCorners && outSize > 1 ? (inSize - 1) / (float) (outSize - 1)
        : inSize / (float) outSize;
    float offset = halfPixelCenters ? 0.5f : 0f;
    float v = (x + offset) * scale;
    int r = Math.min(alignCorners ? (int) QuantArith.roundHalfAway(v) : (int) Math.floor(v),
        inSize - 1);
    return halfPixelCenters ? Math.max(0, r) : r;
  }

  static Kernel prepareBilinear(Prep p) {
    p.requireType(p.in(0), "input", ElementType.INT8, ElementType.FLOAT32);
    Setup s = setup(p);
    p.require(!(s.alignCorners && s.halfPixelCenters),
        "align_corners and half_pixel_centers cannot both be true");
    return s.input.type() == ElementType.INT8 ? new Int8Bilinear(s) : new FloatBilinear(s);
  }

  private static Setup setup(Prep p) {
    p.require(p.inputCount() == 2, "needs 2 inputs (input, size), found " + p.inputCount());
    Tensor input = p.in(0);
    Tensor output = p.out(0);
    p.requireSameType(input, output);
    p.requireRank(input, "input", 4);
    Tensor size = p.in(1);
    p.requireType(size, "size", ElementType.INT32);
    p.require(size.rank() == 1 && size.elementCount() == 2, "size must hold 2 values (height, "
        + "width), found shape " + Shapes.str(size.shape));
    int[] hw = Shapes.constInts(p, size, "size");
    p.require(hw[0] > 0 && hw[1] > 0, "size must be positive, found " + Shapes.str(hw));
    p.requireShape(output, new int[] {input.shape[0], hw[0], hw[1], input.shape[3]});
    return new Setup(input, output, hw[0], hw[1], p.options.boolField("alignCorners"),
        p.options.boolField("halfPixelCenters"));
  }

  private record Setup(Tensor input, Tensor output, int outH, int outW, boolean alignCorners,
      boolean halfPixelCenters) {}

  /** Float bilinear: TFLite's ResizeBilinear with ComputeInterpolationValues, in float. */
  static final class FloatBilinear extends Kernel {
    private final Setup s;
    private final float[] fy;
    private final int[] y0;
    private final int[] y1;
    private final float[] fx;
    private final int[] x0;
    private final int[] x1;

    FloatBilinear(Setup s) {
      this.s = s;
      int ih = s.input.shape[1];
      int iw = s.input.shape[2];
      float hs = (float) ih / s.outH;
      float ws = (float) iw / s.outW;
      if (s.alignCorners && s.outH > 1) {
        hs = (float) (ih - 1) / (s.outH - 1);
      }
      if (s.alignCorners && s.outW > 1) {
        ws = (float) (iw - 1) / (s.outW - 1);
      }
      fy = new float[s.outH];
      y0 = new int[s.outH];
      y1 = new int[s.outH];
      for (int y = 0; y < s.outH; y++) {
        fy[y] = interpolation(y, hs, s.halfPixelCenters);
        y0[y] = Math.max((int) Math.floor(fy[y]), 0);
        y1[y] = Math.min((int) Math.ceil(fy[y]), ih - 1);
      }
      fx = new float[s.outW];
      x0 = new int[s.outW];
      x1 = new int[s.outW];
      for (int x = 0; x < s.outW; x++) {
        fx[x] = interpolation(x, ws, s.halfPixelCenters);
        x0[x] = Math.max((int) Math.floor(fx[x]), 0);
        x1[x] = Math.min((int) Math.ceil(fx[x]), iw - 1);
      }
    }

    private static float interpolation(int v, float scale, boolean halfPixelCenters) {
      return halfPixelCenters ? (v + 0.5f) * scale - 0.5f : v * scale;
    }

    @Override
    public void eval() {
      float[] in = s.input.f32;
      float[] out = s.output.f32;
      int ih = s.input.shape[1];
      int iw = s.input.shape[2];
      int c = s.input.shape[3];
      int e = 0;
      for (int b = 0; b < s.input.shape[0]; b++) {
        for (int y = 0; y < s.outH; y++) {
          float dy = fy[y] - y0[y];
          for (int x = 0; x < s.outW; x++) {
            float dx = fx[x] - x0[x];
            int r00 = ((b * ih + y0[y]) * iw + x0[x]) * c;
            int r10 = ((b * ih + y1[y]) * iw + x0[x]) * c;
            int r01 = ((b * ih + y0[y]) * iw + x1[x]) * c;
            int r11 = ((b * ih + y1[y]) * iw + x1[x]) * c;
            for (int d = 0; d < c; d++) {
              out[e++] = in[r00 + d] * (1 - dy) * (1 - dx) + in[r10 + d] * dy * (1 - dx)
                  + in[r01 + d] * (1 - dy) * dx + in[r11 + d] * dy * dx;
            }
          }
        }
      }
    }
  }

  /**
   * Int8 bilinear: TFLite's ResizeBilinearInteger, weights in 1/1024 steps, the 20-bit sum rounded
   * half away from zero (TFLite Micro's default double rounding).
   */
  static final class Int8Bilinear extends Kernel {
    private final Setup s;
    private final int[] fy;
    private final int[] y0;
    private final int[] y1;
    private final int[] fx;
    private final int[] x0;
    private final int[] x1;

    Int8Bilinear(Setup s) {
      this.s = s;
      int ih = s.input.shape[1];
      int iw = s.input.shape[2];
      int hs = ((1 << 10) * ih + s.outH / 2) / s.outH;
      int ws = ((1 << 10) * iw + s.outW / 2) / s.outW;
      if (s.alignCorners && s.outH > 1) {
        hs = ((1 << 10) * (ih - 1) + (s.outH - 1) / 2) / (s.outH - 1);
      }
      if (s.alignCorners && s.outW > 1) {
        ws = ((1 << 10) * (iw - 1) + (s.outW - 1) / 2) / (s.outW - 1);
      }
      fy = new int[s.outH];
      y0 = new int[s.outH];
      y1 = new int[s.outH];
      for (int y = 0; y < s.outH; y++) {
        fy[y] = scaled(y, hs, s.halfPixelCenters);
        y0[y] = Math.max(fy[y] / (1 << 10), 0);
        y1[y] = Math.min((fy[y] + (1 << 10) - 1) / (1 << 10), ih - 1);
      }
      fx = new int[s.outW];
      x0 = new int[s.outW];
      x1 = new int[s.outW];
      for (int x = 0; x < s.outW; x++) {
        fx[x] = scaled(x, ws, s.halfPixelCenters);
        x0[x] = Math.max(fx[x] / (1 << 10), 0);
        x1[x] = Math.min((fx[x] + (1 << 10) - 1) / (1 << 10), iw - 1);
      }
    }

    /** ComputeInterpolationValuesInteger's scaled value (C division truncates like Java's). */
    private static int scaled(int v, int scale10, boolean halfPixelCenters) {
      return halfPixelCenters ? v * scale10 + scale10 / 2 - (1 << 9) : v * scale10;
    }

    @Override
    public void eval() {
      byte[] in = s.input.i8;
      byte[] out = s.output.i8;
      int ih = s.input.shape[1];
      int iw = s.input.shape[2];
      int c = s.input.shape[3];
      int e = 0;
      for (int b = 0; b < s.input.shape[0]; b++) {
        for (int y = 0; y < s.outH; y++) {
          long wy1 = fy[y] - (1 << 10) * y0[y];
          long wy0 = (1 << 10) - wy1;
          for (int x = 0; x < s.outW; x++) {
            long wx1 = fx[x] - (1 << 10) * x0[x];
            long wx0 = (1 << 10) - wx1;
            int r00 = ((b * ih + y0[y]) * iw + x0[x]) * c;
            int r10 = ((b * ih + y1[y]) * iw + x0[x]) * c;
            int r01 = ((b * ih + y0[y]) * iw + x1[x]) * c;
            int r11 = ((b * ih + y1[y]) * iw + x1[x]) * c;
            for (int d = 0; d < c; d++) {
              long sum = in[r00 + d] * wy0 * wx0 + in[r10 + d] * wy1 * wx0
                  + in[r01 + d] * wy0 * wx1 + in[r11 + d] * wy1 * wx1;
              long round = sum > 0 ? (1 << 19) : -(1 << 19);
              out[e++] = (byte) ((sum + round) / (1 << 20));
            }
          }
        }
      }
    }
  }
}
