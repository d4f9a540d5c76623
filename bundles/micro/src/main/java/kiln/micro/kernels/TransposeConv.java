package kiln.micro.kernels;

import java.util.Arrays;
import kiln.api.model.ElementType;
import kiln.micro.graph.OpOptions;

/**
 * TRANSPOSE_CONV: inputs (output_shape, filter [O,H,W,I], input, optional bias). Int8 accumulates
 * into an int32 scratch buffer of the output's size (TFLite Micro requests it in the arena), then
 * requantizes per channel.
 */
public final class TransposeConv {
  private TransposeConv() {}

  static final class Geometry {
    int batches, inH, inW, inD, outH, outW, outD, fH, fW, strideH, strideW, padH, padW;
  }

  public static Kernel prepare(Prep p) {
    Tensor outputShape = p.in(0);
    Tensor filter = p.in(1);
    Tensor input = p.in(2);
    Tensor bias = p.optIn(3);
    Tensor output = p.out(0);
    OpOptions o = p.options;
    p.requireType(input, "input", ElementType.INT8, ElementType.FLOAT32);
    p.requireSameType(input, output);
    p.requireConstant(filter, "filter");
    p.requireRank(input, "input", 4);
    p.requireRank(filter, "filter", 4);
    p.requireRank(output, "output", 4);
    if (outputShape.isConstant()) {
      p.requireType(outputShape, "output_shape", ElementType.INT32, ElementType.INT64);
      p.requireShape(output, outputShape.i32.clone());
    }
    Geometry g = new Geometry();
    g.batches = input.dim(0);
    g.inH = input.dim(1);
    g.inW = input.dim(2);
    g.inD = input.dim(3);
    g.outD = filter.dim(0);
    g.fH = filter.dim(1);
    g.fW = filter.dim(2);
    p.require(filter.dim(3) == g.inD, "filter depth " + filter.dim(3) + " must equal input depth "
        + g.inD);
    p.require(output.dim(0) == g.batches && output.dim(3) == g.outD,
        "output shape " + Arrays.toString(output.shape) + " does not match batches " + g.batches
            + " and filter channels " + g.outD);
    p.require(o.strideH > 0 && o.strideW > 0, "strides must be positive");
    g.outH = output.dim(1);
    g.outW = output.dim(2);
    g.strideH = o.strideH;
    g.strideW = o.strideW;
    // padding is computed from the OUTPUT size, dilation 1
    int unusedH = Padding.outSize(o.padding, g.outH, g.fH, g.strideH, 1);
    int unusedW = Padding.outSize(o.padding, g.outW, g.fW, g.strideW, 1);
    g.padH = Padding.before(g.strideH, 1, g.outH, g.fH, unusedH);
    g.padW = Padding.before(g.strideW, 1, g.outW, g.fW, unusedW);
    if (input.type() == ElementType.FLOAT32) {
      p.requireType(filter, "filter", ElementType.FLOAT32);
      float[] floatBias = FloatWeightedKernel.checkedBias(p, bias, g.outD);
      return new FloatTc(g, input.f32, filter.f32, floatBias, output.f32,
          Activation.floatRange(p, o.activation));
    }
    p.requireType(filter, "filter", ElementType.INT8);
    Requant rq = Requant.perChannel(p, input, filter, bias, output, g.outD);
    return new Int8Tc(g, input.i8, filter.i8, rq, output.i8);
  }

  static final class Int8Tc extends Kernel {
    final Geometry g;
    final byte[] in, filter, out;
    final Requant rq;
    final int[] scratch;

    Int8Tc(Geometry g, byte[] in, byte[] filter, Requant rq, byte[] out) {
      this.g = g;
      this.in = in;
      this.filter = filter;
      this.rq = rq;
      this.out = out;
      this.scratch = new int[out.length];
    }

    @Override
    public void eval() {
      final Geometry g = this.g;
      final int inOffset = -rq.inputZeroPoint;
      Arrays.fill(scratch, 0);
      for (int b = 0; b < g.batches; b++) {
        for (int iy = 0; iy < g.inH; iy++) {
          for (int ix = 0; ix < g.inW; ix++) {
            int oy0 = iy * g.strideH - g.padH;
            int ox0 = ix * g.strideW - g.padW;
            for (int ic = 0; ic < g.inD; ic++) {
              int v = in[((b * g.inH + iy) * g.inW + ix) * g.inD + ic] + inOffset;
              for (int fy = 0; fy < g.fH; fy++) {
                int oy = oy0 + fy;
                if (oy < 0 || oy >= g.outH) {
                  continue;
                }
                for (int fx = 0; fx < g.fW; fx++) {
                  int ox = ox0 + fx;
                  if (ox < 0 || ox >= g.outW) {
                    continue;
                  }
                  int ob = ((b * g.outH + oy) * g.outW + ox) * g.outD;
                  for (int oc = 0; oc < g.outD; oc++) {
                    scratch[ob + oc] += v * filter[((oc * g.fH + fy) * g.fW + fx) * g.inD + ic];
                  }
                }
              }
            }
          }
        }
      }
      int[] bias = rq.bias;
      for (int e = 0; e < out.length; e++) {
        int oc = e % g.outD;
        int acc = bias == null ? scratch[e] : scratch[e] + bias[oc];
        out[e] = rq.apply(acc, oc);
      }
    }
  }

  static final class FloatTc extends FloatWeightedKernel {
    final Geometry g;

    FloatTc(Geometry g, float[] in, float[] filter, float[] bias, float[] out, float[] range) {
      super(in, filter, bias, out, range);
      this.g = g;
    }

    @Override
    public void eval() {
      final Geometry g = this.g;
      Arrays.fill(out, 0f);
      for (int b = 0; b < g.batches; b++) {
        for (int iy = 0; iy < g.inH; iy++) {
          for (int ix = 0; ix < g.inW; ix++) {
            int oy0 = iy * g.strideH - g.padH;
            int ox0 = ix * g.strideW - g.padW;
            for (int ic = 0; ic < g.inD; ic++) {
              float v = in[((b * g.inH + iy) * g.inW + ix) * g.inD + ic];
              for (int fy = 0; fy < g.fH; fy++) {
                int oy = oy0 + fy;
                if (oy < 0 || oy >= g.outH) {
                  continue;
                }
                for (int fx = 0; fx < g.fW; fx++) {
                  int ox = ox0 + fx;
                  if (ox < 0 || ox >= g.outW) {
                    continue;
                  }
                  int ob = ((b * g.outH + oy) * g.outW + ox) * g.outD;
                  for (int oc = 0; oc < g.outD; oc++) {
                    out[ob + oc] += v * filter[((oc * g.fH + fy) * g.fW + fx) * g.inD + ic];
                  }
                }
              }
            }
          }
        }
      }
      for (int e = 0; e < out.length; e++) {
        out[e] = biasAndClamp(out[e], e % g.outD);
      }
    }
  }
}
