package kiln.micro.kernels;

import kiln.api.model.ElementType;
import kiln.micro.graph.OpOptions;

/**
 * DEPTHWISE_CONV_2D (NHWC input, [1,H,W,C*M] filter) with depth multiplier M, int8 per-channel or
 * float32. Int8 runs on {@link VecDepthwise} where the Vector API is present, else as a grouped
 * convolution on {@link Int8ConvGemm} (exact integer sums, so the order does not change the
 * result).
 */
public final class DepthwiseConv2D {
  private DepthwiseConv2D() {}

  static final class Geometry {
    int batches, inH, inW, inD, outH, outW, outD, fH, fW, mult;
    int strideH, strideW, dilH, dilW, padH, padW;
  }

  public static Kernel prepare(Prep p) {
    Tensor input = p.in(0);
    Tensor filter = p.in(1);
    Tensor bias = p.optIn(2);
    Tensor output = p.out(0);
    OpOptions o = p.options;
    p.requireType(input, "input", ElementType.INT8, ElementType.INT16, ElementType.FLOAT32);
    p.requireSameType(input, output);
    p.requireConstant(filter, "filter");
    p.requireRank(input, "input", 4);
    p.requireRank(filter, "filter", 4);
    p.requireRank(output, "output", 4);
    Geometry g = new Geometry();
    g.batches = input.dim(0);
    g.inH = input.dim(1);
    g.inW = input.dim(2);
    g.inD = input.dim(3);
    g.fH = filter.dim(1);
    g.fW = filter.dim(2);
    g.outD = filter.dim(3);
    p.require(filter.dim(0) == 1, "filter must have shape [1,H,W,C], found first dim " + filter.dim(0));
    p.require(o.strideH > 0 && o.strideW > 0 && o.dilationH > 0 && o.dilationW > 0,
        "strides and dilations must be positive");
    g.mult = o.depthMultiplier;
    if (g.mult <= 0 || g.inD * g.mult != g.outD) {
      // TFLite derives the multiplier from the shapes when the option is missing or stale
      p.require(g.inD > 0 && g.outD % g.inD == 0,
          "filter channels " + g.outD + " must be a multiple of input channels " + g.inD);
      g.mult = g.outD / g.inD;
    }
    g.strideH = o.strideH;
    g.strideW = o.strideW;
    g.dilH = o.dilationH;
    g.dilW = o.dilationW;
    g.outH = Padding.outSize(o.padding, g.inH, g.fH, g.strideH, g.dilH);
    g.outW = Padding.outSize(o.padding, g.inW, g.fW, g.strideW, g.dilW);
    g.padH = Padding.before(g.strideH, g.dilH, g.inH, g.fH, g.outH);
    g.padW = Padding.before(g.strideW, g.dilW, g.inW, g.fW, g.outW);
    p.requireShape(output, new int[] {g.batches, g.outH, g.outW, g.outD});
    if (input.type() == ElementType.INT16) {
      return DepthwiseConv2D16.prepare(p, g);
    }
    if (input.type() == ElementType.FLOAT32) {
      p.requireType(filter, "filter", ElementType.FLOAT32);
      float[] floatBias = FloatWeightedKernel.checkedBias(p, bias, g.outD);
      return new FloatDw(g, input.f32, filter.f32, floatBias, output.f32,
          Activation.floatRange(p, o.activation));
    }
    p.requireType(filter, "filter", ElementType.INT8);
    Requant rq = Requant.perChannel(p, input, filter, bias, output, g.outD);
    return new Int8Dw(g, input.i8, filter.i8, rq, output.i8);
  }

  /**
   * Int8 depthwise convolution: channels in vector lanes ({@link VecDepthwise}), or a grouped
   * convolution with one input channel per group and the depth multiplier as filters per group.
   */
  static final class Int8Dw extends Kernel {
    final Int8Eval gemm;

    Int8Dw(Geometry d, byte[] in, byte[] filter, Requant rq, byte[] out) {
      Int8Eval vec = VectorSupport.enabled() ? VecKernels.depthwise(d, in, filter, rq, out) : null;
      this.gemm = vec != null ? vec : scalar(d, in, filter, rq, out);
    }

    /** The grouped convolution (one input channel per group) on {@link Int8ConvGemm}. */
    private static Int8Eval scalar(Geometry d, byte[] in, byte[] filter, Requant rq, byte[] out) {
      Conv2D.Geometry g = new Conv2D.Geometry();
      g.batches = d.batches;
      g.inH = d.inH;
      g.inW = d.inW;
      g.inD = d.inD;
      g.outH = d.outH;
      g.outW = d.outW;
      g.outD = d.outD;
      g.fH = d.fH;
      g.fW = d.fW;
      g.fD = 1;
      g.groups = d.inD;
      g.filtersPerGroup = d.mult;
      g.strideH = d.strideH;
      g.strideW = d.strideW;
      g.dilH = d.dilH;
      g.dilW = d.dilW;
      g.padH = d.padH;
      g.padW = d.padW;
      int taps = d.fH * d.fW;
      int[][] w = new int[d.outD][taps];
      for (int t = 0; t < taps; t++) {
        for (int c = 0; c < d.outD; c++) {
          w[c][t] = filter[t * d.outD + c];
        }
      }
      return new Int8ConvGemm(g, in, w, rq, out);
    }

    @Override
    public void eval() {
      gemm.eval();
    }
  }

  static final class FloatDw extends FloatWeightedKernel {
    final Geometry g;

    FloatDw(Geometry g, float[] in, float[] filter, float[] bias, float[] out, float[] range) {
      super(in, filter, bias, out, range);
      this.g = g;
    }

    @Override
    public void eval() {
      final Geometry g = this.g;
      for (int b = 0; b < g.batches; b++) {
        for (int oy = 0; oy < g.outH; oy++) {
          int inY0 = oy * g.strideH - g.padH;
          for (int ox = 0; ox < g.outW; ox++) {
            int inX0 = ox * g.strideW - g.padW;
            for (int ic = 0; ic < g.inD; ic++) {
              for (int m = 0; m < g.mult; m++) {
                int oc = ic * g.mult + m;
                float acc = 0f;
                for (int fy = 0; fy < g.fH; fy++) {
                  int iy = inY0 + g.dilH * fy;
                  if (iy < 0 || iy >= g.inH) {
                    continue;
                  }
                  for (int fx = 0; fx < g.fW; fx++) {
                    int ix = inX0 + g.dilW * fx;
                    if (ix < 0 || ix >= g.inW) {
                      continue;
                    }
                    acc += in[((b * g.inH + iy) * g.inW + ix) * g.inD + ic]
                        * filter[(fy * g.fW + fx) * g.outD + oc];
                  }
                }
                out[((b * g.outH + oy) * g.outW + ox) * g.outD + oc] = biasAndClamp(acc, oc);
              }
            }
          }
        }
      }
    }
  }
}
