package kiln.micro.kernels;

import kiln.api.model.ElementType;
import kiln.micro.graph.OpOptions;

/**
 * DEPTHWISE_CONV_2D (NHWC input, [1,H,W,C*M] filter) with depth multiplier M, int8 per-channel or
 * float32. The int8 loop accumulates all channels of one output pixel together (exact integer
 * sums, so the order does not change the result).
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
    p.requireType(input, "input", ElementType.INT8, ElementType.FLOAT32);
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
    if (input.type() == ElementType.FLOAT32) {
      p.requireType(filter, "filter", ElementType.FLOAT32);
      if (bias != null) {
        p.requireType(bias, "bias", ElementType.FLOAT32);
        p.require(bias.elementCount() == g.outD, "bias must have " + g.outD + " elements");
      }
      return new FloatDw(g, input.f32, filter.f32, bias == null ? null : bias.f32, output.f32,
          Activation.floatRange(p, o.activation));
    }
    p.requireType(filter, "filter", ElementType.INT8);
    Requant rq = Requant.perChannel(p, input, filter, bias, output, g.outD);
    return new Int8Dw(g, input.i8, filter.i8, rq, output.i8);
  }

  static final class Int8Dw extends Kernel {
    final Geometry g;
    final byte[] in, filter, out;
    final Requant rq;
    final int[] acc;

    Int8Dw(Geometry g, byte[] in, byte[] filter, Requant rq, byte[] out) {
      this.g = g;
      this.in = in;
      this.filter = filter;
      this.rq = rq;
      this.out = out;
      this.acc = new int[g.outD];
      this.w = new int[filter.length];
      for (int i = 0; i < filter.length; i++) {
        w[i] = filter[i];
      }
      this.xin = new int[in.length];
      int taps = g.fH * g.fW;
      if (taps >= 16) {
        wC = new int[filter.length];
        for (int t = 0; t < taps; t++) {
          for (int c = 0; c < g.outD; c++) {
            wC[c * taps + t] = filter[t * g.outD + c];
          }
        }
        patch = new int[taps];
      } else {
        wC = null;
        patch = null;
      }
    }

    final int[] w;
    final int[] xin;
    /** For kernels of 16+ taps: the filter as [channel][tap], and one channel's patch. */
    final int[] wC;
    final int[] patch;

    /** Per input channel: gather its patch once, then one dot product per multiplier output. */
    private void evalLargeKernel(int[] x) {
      final Geometry g = this.g;
      final int taps = g.fH * g.fW;
      final int[] patch = this.patch;
      final int[] wC = this.wC;
      final int[] bias = rq.bias;
      final int inD = g.inD;
      final int mult = g.mult;
      for (int b = 0; b < g.batches; b++) {
        for (int oy = 0; oy < g.outH; oy++) {
          int inY0 = oy * g.strideH - g.padH;
          for (int ox = 0; ox < g.outW; ox++) {
            int inX0 = ox * g.strideW - g.padW;
            int ob = ((b * g.outH + oy) * g.outW + ox) * g.outD;
            for (int ic = 0; ic < inD; ic++) {
              int t = 0;
              for (int fy = 0; fy < g.fH; fy++) {
                int iy = inY0 + g.dilH * fy;
                boolean rowInside = iy >= 0 && iy < g.inH;
                int rowBase = (b * g.inH + iy) * g.inW;
                for (int fx = 0; fx < g.fW; fx++, t++) {
                  int ix = inX0 + g.dilW * fx;
                  patch[t] = rowInside && ix >= 0 && ix < g.inW ? x[(rowBase + ix) * inD + ic] : 0;
                }
              }
              for (int m = 0; m < mult; m++) {
                int c = ic * mult + m;
                int wb = c * taps;
                int acc = bias == null ? 0 : bias[c];
                for (int i = 0; i < taps; i++) {
                  acc += wC[wb + i] * patch[i];
                }
                out[ob + c] = rq.apply(acc, c);
              }
            }
          }
        }
      }
    }

    @Override
    public void eval() {
      final Geometry g = this.g;
      final byte[] in = this.in;
      final int[] filter = this.w;
      final int[] x = this.xin;
      final int[] acc = this.acc;
      final int inOffset = -rq.inputZeroPoint;
      for (int i = 0; i < x.length; i++) {
        x[i] = in[i] + inOffset;
      }
      if (wC != null) {
        evalLargeKernel(x);
        return;
      }
      final int outD = g.outD;
      final int inD = g.inD;
      final int mult = g.mult;
      final int[] bias = rq.bias;
      int o = 0;
      for (int b = 0; b < g.batches; b++) {
        for (int oy = 0; oy < g.outH; oy++) {
          int inY0 = oy * g.strideH - g.padH;
          for (int ox = 0; ox < g.outW; ox++) {
            int inX0 = ox * g.strideW - g.padW;
            if (bias != null) {
              System.arraycopy(bias, 0, acc, 0, outD);
            } else {
              java.util.Arrays.fill(acc, 0);
            }
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
                int ib = ((b * g.inH + iy) * g.inW + ix) * inD;
                int fb = (fy * g.fW + fx) * outD;
                if (mult == 1) {
                  for (int c = 0; c < outD; c++) {
                    acc[c] += filter[fb + c] * x[ib + c];
                  }
                } else {
                  for (int ic = 0; ic < inD; ic++) {
                    int v = x[ib + ic];
                    int base = ic * mult;
                    for (int m = 0; m < mult; m++) {
                      acc[base + m] += filter[fb + base + m] * v;
                    }
                  }
                }
              }
            }
            for (int c = 0; c < outD; c++) {
              out[o++] = rq.apply(acc[c], c);
            }
          }
        }
      }
    }
  }

  static final class FloatDw extends Kernel {
    final Geometry g;
    final float[] in, filter, bias, out;
    final float min, max;

    FloatDw(Geometry g, float[] in, float[] filter, float[] bias, float[] out, float[] range) {
      this.g = g;
      this.in = in;
      this.filter = filter;
      this.bias = bias;
      this.out = out;
      this.min = range[0];
      this.max = range[1];
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
                if (bias != null) {
                  acc += bias[oc];
                }
                out[((b * g.outH + oy) * g.outW + ox) * g.outD + oc] =
                    Activation.clamp(acc, min, max);
              }
            }
          }
        }
      }
    }
  }
}
