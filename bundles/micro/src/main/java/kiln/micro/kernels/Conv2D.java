package kiln.micro.kernels;

import kiln.api.model.ElementType;
import kiln.micro.graph.OpOptions;

/**
 * CONV_2D (NHWC input, OHWI filter), int8 with per-channel or per-tensor filter scales, or float32.
 * Grouped convolution when the filter's input depth divides the input depth.
 */
public final class Conv2D {
  private Conv2D() {}

  /** Geometry shared by the int8 and float variants. */
  static final class Geometry {
    int batches, inH, inW, inD, outH, outW, outD, fH, fW, fD;
    int strideH, strideW, dilH, dilW, padH, padW, groups, filtersPerGroup;
  }

  static Geometry geometry(Prep p, Tensor input, Tensor filter, Tensor output) {
    OpOptions o = p.options;
    p.requireRank(input, "input", 4);
    p.requireRank(filter, "filter", 4);
    p.requireRank(output, "output", 4);
    Geometry g = new Geometry();
    g.batches = input.dim(0);
    g.inH = input.dim(1);
    g.inW = input.dim(2);
    g.inD = input.dim(3);
    g.outD = filter.dim(0);
    g.fH = filter.dim(1);
    g.fW = filter.dim(2);
    g.fD = filter.dim(3);
    p.require(o.strideH > 0 && o.strideW > 0 && o.dilationH > 0 && o.dilationW > 0,
        "strides and dilations must be positive, found stride " + o.strideH + "x" + o.strideW
            + " dilation " + o.dilationH + "x" + o.dilationW);
    p.require(g.fD > 0 && g.inD % g.fD == 0,
        "input depth " + g.inD + " must be a multiple of the filter depth " + g.fD);
    g.groups = g.inD / g.fD;
    p.require(g.groups > 0 && g.outD % g.groups == 0,
        "output channels " + g.outD + " must be a multiple of the group count " + g.groups);
    g.filtersPerGroup = g.outD / g.groups;
    g.strideH = o.strideH;
    g.strideW = o.strideW;
    g.dilH = o.dilationH;
    g.dilW = o.dilationW;
    g.outH = Padding.outSize(o.padding, g.inH, g.fH, g.strideH, g.dilH);
    g.outW = Padding.outSize(o.padding, g.inW, g.fW, g.strideW, g.dilW);
    g.padH = Padding.before(g.strideH, g.dilH, g.inH, g.fH, g.outH);
    g.padW = Padding.before(g.strideW, g.dilW, g.inW, g.fW, g.outW);
    p.requireShape(output, new int[] {g.batches, g.outH, g.outW, g.outD});
    return g;
  }

  public static Kernel prepare(Prep p) {
    Tensor input = p.in(0);
    Tensor filter = p.in(1);
    Tensor bias = p.optIn(2);
    Tensor output = p.out(0);
    p.requireType(input, "input", ElementType.INT8, ElementType.INT16, ElementType.FLOAT32);
    p.requireSameType(input, output);
    p.requireConstant(filter, "filter");
    Geometry g = geometry(p, input, filter, output);
    if (input.type() == ElementType.INT16) {
      return Conv2D16.prepare(p, g);
    }
    if (input.type() == ElementType.FLOAT32) {
      p.requireType(filter, "filter", ElementType.FLOAT32);
      float[] floatBias = FloatWeightedKernel.checkedBias(p, bias, g.outD);
      return new FloatConv(g, input.f32, filter.f32, floatBias, output.f32,
          Activation.floatRange(p, p.options.activation));
    }
    p.requireType(filter, "filter", ElementType.INT8);
    Requant rq = Requant.perChannel(p, input, filter, bias, output, g.outD);
    return new Int8Conv(g, input.i8, filter.i8, rq, output.i8);
  }

  /** The int8 kernel; its accumulator accessors serve tests that verify rounding ties. */
  public static final class Int8Conv extends Kernel {
    final Geometry g;
    final byte[] in, filter, out;
    final Requant rq;

    /** The vector kernel where it applies ({@link VectorSupport}), else the scalar one. */
    final Int8Eval gemm;

    Int8Conv(Geometry g, byte[] in, byte[] filter, Requant rq, byte[] out) {
      this.g = g;
      this.in = in;
      this.filter = filter;
      this.rq = rq;
      this.out = out;
      Int8Eval vec = VectorSupport.enabled() ? VecKernels.conv(g, in, filter, rq, out) : null;
      this.gemm = vec != null ? vec
          : new Int8ConvGemm(g, in, Int8ConvGemm.convWeights(g, filter), rq, out);
    }

    /** The int32 accumulator (with bias) of one output element; tests use it to check ties. */
    public int accumulator(int b, int oy, int ox, int oc) {
      int inOffset = -rq.inputZeroPoint;
      int acc = 0;
      int group = oc / g.filtersPerGroup;
      int inY0 = oy * g.strideH - g.padH;
      int inX0 = ox * g.strideW - g.padW;
      for (int fy = 0; fy < g.fH; fy++) {
        int iy = inY0 + g.dilH * fy;
        for (int fx = 0; fx < g.fW; fx++) {
          int ix = inX0 + g.dilW * fx;
          if (iy < 0 || iy >= g.inH || ix < 0 || ix >= g.inW) {
            continue;
          }
          for (int ic = 0; ic < g.fD; ic++) {
            int iv = in[((b * g.inH + iy) * g.inW + ix) * g.inD + group * g.fD + ic];
            int fv = filter[((oc * g.fH + fy) * g.fW + fx) * g.fD + ic];
            acc += fv * (iv + inOffset);
          }
        }
      }
      return acc + (rq.bias == null ? 0 : rq.bias[oc]);
    }

    public Requant requant() {
      return rq;
    }

    /** The accumulator of flat output element e. */
    public int accumulatorAt(int e) {
      int oc = e % g.outD;
      int r = e / g.outD;
      int ox = r % g.outW;
      r /= g.outW;
      return accumulator(r / g.outH, r % g.outH, ox, oc);
    }

    public int channelAt(int e) {
      return e % g.outD;
    }

    @Override
    public void eval() {
      gemm.eval();
    }
  }

  static final class FloatConv extends FloatWeightedKernel {
    final Geometry g;

    FloatConv(Geometry g, float[] in, float[] filter, float[] bias, float[] out, float[] range) {
      super(in, filter, bias, out, range);
      this.g = g;
    }

    @Override
    public void eval() {
      final Geometry g = this.g;
      int o = 0;
      for (int b = 0; b < g.batches; b++) {
        for (int oy = 0; oy < g.outH; oy++) {
          int inY0 = oy * g.strideH - g.padH;
          for (int ox = 0; ox < g.outW; ox++) {
            int inX0 = ox * g.strideW - g.padW;
            for (int oc = 0; oc < g.outD; oc++) {
              int inC0 = (oc / g.filtersPerGroup) * g.fD;
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
                  int ib = ((b * g.inH + iy) * g.inW + ix) * g.inD + inC0;
                  int fb = ((oc * g.fH + fy) * g.fW + fx) * g.fD;
                  for (int ic = 0; ic < g.fD; ic++) {
                    acc += in[ib + ic] * filter[fb + ic];
                  }
                }
              }
              out[o++] = biasAndClamp(acc, oc);
            }
          }
        }
      }
    }
  }

}
