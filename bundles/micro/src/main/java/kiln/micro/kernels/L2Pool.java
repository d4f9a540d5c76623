package kiln.micro.kernels;

import kiln.api.model.ElementType;
import kiln.micro.graph.OpOptions;

/**
 * L2_POOL_2D over NHWC float32 (TFLite Micro has no quantized L2 pool): the square root of the
 * mean of squares over the window's cells inside the input, then the fused activation.
 */
final class L2Pool {
  private L2Pool() {}

  static Kernel prepare(Prep p) {
    Tensor input = p.in(0);
    Tensor output = p.out(0);
    OpOptions o = p.options;
    p.requireType(input, "input", ElementType.FLOAT32);
    p.requireSameType(input, output);
    p.requireRank(input, "input", 4);
    p.require(o.strideH > 0 && o.strideW > 0 && o.filterH > 0 && o.filterW > 0,
        "strides and filter size must be positive, found stride " + o.strideH + "x" + o.strideW
            + " filter " + o.filterH + "x" + o.filterW);
    Pool2D.Geometry g = new Pool2D.Geometry();
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
    float[] range = Activation.floatRange(p, o.activation);
    float min = range[0];
    float max = range[1];
    float[] in = input.f32;
    float[] out = output.f32;
    return new Kernel() {
      @Override
      public void eval() {
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
                float sum = 0f;
                int count = 0;
                for (int fy = fyStart; fy < fyEnd; fy++) {
                  for (int fx = fxStart; fx < fxEnd; fx++) {
                    float v = in[((b * g.inH + y0 + fy) * g.inW + x0 + fx) * g.depth + c];
                    sum += v * v;
                    count++;
                  }
                }
                float r = (float) Math.sqrt(sum / count);
                out[ob + c] = Math.min(Math.max(r, min), max);
              }
            }
          }
        }
      }
    };
  }
}
