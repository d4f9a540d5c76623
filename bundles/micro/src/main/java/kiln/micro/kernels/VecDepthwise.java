package kiln.micro.kernels;

import jdk.incubator.vector.IntVector;

/**
 * Int8 DEPTHWISE_CONV_2D on the Vector API: channels in vector lanes (NHWC keeps them
 * contiguous; with a depth multiplier the padded input repeats each channel), per tap one weight
 * vector times the input vectors of four output pixels, accumulated in registers, then
 * requantized and stored as contiguous bytes. Exact integer sums, so bit-identical to the scalar
 * kernel. Loaded only when the Vector API is present ({@link VectorSupport}).
 */
final class VecDepthwise extends VecBase {
  private static final int P = 4;

  private final VecPadded pad;
  private final int batches;
  private final int pixels;
  /** w[f * outDp + c]: tap f = fy * fW + fx of channel c. */
  private final int[] w;
  /** The accumulators of one pixel block: acc[j * outDp + c]. */
  private final int[] acc;

  VecDepthwise(DepthwiseConv2D.Geometry g, byte[] in, byte[] filter, Requant rq, byte[] out) {
    super(in, out, rq, g.outD);
    this.pad = new VecPadded(g.inH, g.inW, g.inD, g.mult, g.outH, g.outW, g.fH, g.fW, g.strideH,
        g.strideW, g.dilH, g.dilW, g.padH, g.padW, L);
    this.batches = g.batches;
    this.pixels = g.outH * g.outW;
    int taps = g.fH * g.fW;
    this.w = new int[taps * outDp];
    this.acc = new int[P * outDp];
    for (int f = 0; f < taps; f++) {
      for (int c = 0; c < g.outD; c++) {
        w[f * outDp + c] = filter[f * g.outD + c];
      }
    }
  }

  @Override
  public void eval() {
    loadBias();
    for (int b = 0; b < batches; b++) {
      pad.fill(in, b, inOffset);
      int o0 = b * pixels * outD;
      if (pixels < P) {
        for (int p = 0; p < pixels; p++) {
          for (int c = 0; c < outDp; c += L) {
            one(p, c);
          }
          storeRows(acc, 1, o0 + p * outD);
        }
        continue;
      }
      for (int p0 = 0; p0 < pixels; p0 += P) {
        int p = Math.min(p0, pixels - P);
        for (int c = 0; c < outDp; c += L) {
          four(p, c);
        }
        storeRows(acc, P, o0 + p * outD);
      }
    }
  }

  private void four(int p, int c) {
    final int[] x = pad.x;
    final int[] w = this.w;
    final int[] tapOff = pad.tapOff;
    final int step = outDp;
    final IntVector b = IntVector.fromArray(S, bias, c);
    IntVector a0 = b;
    IntVector a1 = b;
    IntVector a2 = b;
    IntVector a3 = b;
    final int p0 = pad.pixBase[p] + c;
    final int p1 = pad.pixBase[p + 1] + c;
    final int p2 = pad.pixBase[p + 2] + c;
    final int p3 = pad.pixBase[p + 3] + c;
    int wi = c;
    for (int f = 0; f < tapOff.length; f++, wi += step) {
      final int t = tapOff[f];
      final IntVector wv = IntVector.fromArray(S, w, wi);
      a0 = wv.mul(IntVector.fromArray(S, x, p0 + t)).add(a0);
      a1 = wv.mul(IntVector.fromArray(S, x, p1 + t)).add(a1);
      a2 = wv.mul(IntVector.fromArray(S, x, p2 + t)).add(a2);
      a3 = wv.mul(IntVector.fromArray(S, x, p3 + t)).add(a3);
    }
    a0.intoArray(acc, c);
    a1.intoArray(acc, outDp + c);
    a2.intoArray(acc, 2 * outDp + c);
    a3.intoArray(acc, 3 * outDp + c);
  }

  private void one(int p, int c) {
    final int[] x = pad.x;
    final int[] tapOff = pad.tapOff;
    IntVector a = IntVector.fromArray(S, bias, c);
    final int p0 = pad.pixBase[p] + c;
    for (int f = 0, wi = c; f < tapOff.length; f++, wi += outDp) {
      a = IntVector.fromArray(S, w, wi).mul(IntVector.fromArray(S, x, p0 + tapOff[f])).add(a);
    }
    a.intoArray(acc, c);
  }
}
