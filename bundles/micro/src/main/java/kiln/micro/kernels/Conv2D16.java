package kiln.micro.kernels;

/**
 * CONV_2D with int16 activations and int8 weights (16x8), as TFLite Micro's
 * reference_integer_ops::ConvPerChannel for int16: no input offset, products summed in the bias's
 * type, per-channel requantization ({@link Int16Requant}); grouped as the int8 kernel.
 */
public final class Conv2D16 extends Int16WeightedKernel {
  private final Conv2D.Geometry g;
  private final short[] in;
  private final byte[] filter;

  private Conv2D16(Conv2D.Geometry g, short[] in, byte[] filter, Int16Requant rq, short[] out) {
    super(rq, out, g.outD);
    this.g = g;
    this.in = in;
    this.filter = filter;
  }

  static Kernel prepare(Prep p, Conv2D.Geometry g) {
    Tensor input = p.in(0);
    Int16Requant rq = Int16Requant.prepare(p, input, p.in(1), p.optIn(2), p.out(0), g.outD, false);
    return new Conv2D16(g, input.i16, p.in(1).i8, rq, p.out(0).i16);
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
    int group = oc / g.filtersPerGroup;
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
        int inBase = ((b * g.inH + iy) * g.inW + ix) * g.inD + group * g.fD;
        int fBase = ((oc * g.fH + fy) * g.fW + fx) * g.fD;
        for (int c = 0; c < g.fD; c++) {
          acc += filter[fBase + c] * in[inBase + c];
        }
      }
    }
    return acc;
  }
}
