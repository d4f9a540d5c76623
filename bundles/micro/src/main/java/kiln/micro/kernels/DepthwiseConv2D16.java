package kiln.micro.kernels;

import kiln.api.model.ElementType;

/**
 * DEPTHWISE_CONV_2D with int16 activations and int8 weights (16x8), as TFLite Micro's
 * reference_integer_ops::DepthwiseConvPerChannel for int16: an int64 bias (the only one TFLite
 * Micro takes here), 64-bit sums, per-channel requantization ({@link Int16Requant}).
 */
public final class DepthwiseConv2D16 extends Int16WeightedKernel {
  private final DepthwiseConv2D.Geometry g;
  private final short[] in;
  private final byte[] filter;

  private DepthwiseConv2D16(DepthwiseConv2D.Geometry g, short[] in, byte[] filter, Int16Requant rq, short[] out) {
    super(rq, out, g.outD);
    this.g = g;
    this.in = in;
    this.filter = filter;
  }

  static Kernel prepare(Prep p, DepthwiseConv2D.Geometry g) {
    Tensor bias = p.optIn(2);
    if (bias != null) {
      p.requireType(bias, "bias", ElementType.INT64);
    }
    Int16Requant rq = Int16Requant.prepare(p, p.in(0), p.in(1), bias, p.out(0), g.outD, false);
    return new DepthwiseConv2D16(g, p.in(0).i16, p.in(1).i8, rq, p.out(0).i16);
  }

  /** Output element e is (b, oy, ox, oc) in NHWC order. */
  @Override
  long products(int e) {
    int oc = e % g.outD;
    int rest = e / g.outD;
    int ox = rest % g.outW;
    rest /= g.outW;
    int oy = rest % g.outH;
    int b = rest / g.outH;
    int ic = oc / g.mult;
    int inY0 = oy * g.strideH - g.padH;
    int inX0 = ox * g.strideW - g.padW;
    long acc = 0;
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
        acc += filter[(fy * g.fW + fx) * g.outD + oc] * in[((b * g.inH + iy) * g.inW + ix) * g.inD + ic];
      }
    }
    return acc;
  }
}
