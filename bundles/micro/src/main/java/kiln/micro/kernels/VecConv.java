package kiln.micro.kernels;

import jdk.incubator.vector.IntVector;

/**
 * Int8 CONV_2D (one group) and FULLY_CONNECTED on the Vector API: output channels in vector
 * lanes, a block of output pixels x channel vectors accumulated in registers over every tap
 * (input value broadcast, times the tap's weight vector), then requantized and stored as
 * contiguous NHWC bytes. Integer sums wrap like C int32 in any order, so the outputs equal the
 * scalar kernels' bit for bit. Loaded only when the Vector API is present ({@link VectorSupport}).
 */
final class VecConv extends VecBase {
  /** Pixel blocks (the last one overlaps the one before: its pixels are written twice, alike). */
  private static final int P = 4;

  private final VecPadded pad;
  private final int batches;
  private final int pixels;
  /** Per tap k = (fy * fW + fx) * depth + ic: its offset from a pixel's base in the input. */
  private final int[] taps;
  /** w[k * outDp + oc]: tap k = (fy * fW + fx) * depth + ic of output channel oc. */
  private final int[] w;
  /** The accumulators of one pixel block: acc[j * outDp + oc]. */
  private final int[] acc;

  private VecConv(byte[] in, byte[] out, Requant rq, int outD, VecPadded pad, int batches,
      int pixels, int[] w) {
    super(in, out, rq, outD);
    this.pad = pad;
    this.batches = batches;
    this.pixels = pixels;
    this.taps = new int[pad.tapOff.length * pad.depth];
    for (int f = 0; f < pad.tapOff.length; f++) {
      for (int ic = 0; ic < pad.depth; ic++) {
        taps[f * pad.depth + ic] = pad.tapOff[f] + ic;
      }
    }
    this.w = w;
    this.acc = new int[P * outDp];
  }

  /** CONV_2D with one group; filter OHWI. */
  static VecConv conv(Conv2D.Geometry g, byte[] in, byte[] filter, Requant rq, byte[] out) {
    VecPadded pad = new VecPadded(g.inH, g.inW, g.inD, 1, g.outH, g.outW, g.fH, g.fW, g.strideH,
        g.strideW, g.dilH, g.dilW, g.padH, g.padW, L);
    int taps = g.fH * g.fW * g.fD;
    int outDp = (g.outD + L - 1) / L * L;
    int[] w = new int[taps * outDp];
    for (int oc = 0; oc < g.outD; oc++) {
      for (int k = 0; k < taps; k++) {
        w[k * outDp + oc] = filter[oc * taps + k];
      }
    }
    return new VecConv(in, out, rq, g.outD, pad, g.batches, g.outH * g.outW, w);
  }

  /** FULLY_CONNECTED as a 1x1 convolution over `batches` pixels of `depth` channels. */
  static VecConv fullyConnected(int batches, int units, int depth, byte[] in, byte[] filter,
      int filterOffset, Requant rq, byte[] out) {
    VecPadded pad = new VecPadded(batches, 1, depth, 1, batches, 1, 1, 1, 1, 1, 1, 1, 0, 0, L);
    int outDp = (units + L - 1) / L * L;
    int[] w = new int[depth * outDp];
    for (int u = 0; u < units; u++) {
      for (int d = 0; d < depth; d++) {
        w[d * outDp + u] = filter[u * depth + d] + filterOffset;
      }
    }
    return new VecConv(in, out, rq, units, pad, 1, batches, w);
  }

  @Override
  public void eval() {
    loadBias();
    for (int b = 0; b < batches; b++) {
      pad.fill(in, b, inOffset);
      int o0 = b * pixels * outD;
      if (pixels < P) {
        for (int p = 0; p < pixels; p++) {
          int c = 0;
          for (; c + 4 * L <= outDp; c += 4 * L) {
            k4x1(p, c);
          }
          for (; c < outDp; c += L) {
            k1x1(p, c);
          }
          storeRows(acc, 1, o0 + p * outD);
        }
        continue;
      }
      for (int p0 = 0; p0 < pixels; p0 += P) {
        int p = Math.min(p0, pixels - P);
        int o = o0 + p * outD;
        int c = 0;
        for (; c + 4 * L <= outDp; c += 4 * L) {
          k4x4(p, c);
        }
        for (; c + 2 * L <= outDp; c += 2 * L) {
          k2x4(p, c);
        }
        for (; c < outDp; c += L) {
          k1x4(p, c);
        }
        storeRows(acc, P, o);
      }
    }
  }

  // The kernels below differ only in their block size; each keeps its accumulators in named
  // locals (registers), which C2 does not do for an array of vectors. One flat loop over the
  // taps: with nested loops (rows, then channels) C2 on Java 17 boxed the accumulators (about
  // 20x slower).

  /** 4 channel vector(s) x 4 pixel(s) from pixel p, channel c, into acc. */
  private void k4x4(int p, int c) {
    final int[] x = pad.x;
    final int[] w = this.w;
    final int[] taps = this.taps;
    final int step = outDp;
    final IntVector b0 = IntVector.fromArray(S, bias, c);
    final IntVector b1 = IntVector.fromArray(S, bias, c + 1 * L);
    final IntVector b2 = IntVector.fromArray(S, bias, c + 2 * L);
    final IntVector b3 = IntVector.fromArray(S, bias, c + 3 * L);
    IntVector a00 = b0, a01 = b1, a02 = b2, a03 = b3;
    IntVector a10 = b0, a11 = b1, a12 = b2, a13 = b3;
    IntVector a20 = b0, a21 = b1, a22 = b2, a23 = b3;
    IntVector a30 = b0, a31 = b1, a32 = b2, a33 = b3;
    final int p0 = pad.pixBase[p];
    final int p1 = pad.pixBase[p + 1];
    final int p2 = pad.pixBase[p + 2];
    final int p3 = pad.pixBase[p + 3];
    int wi = c;
    for (int k = 0; k < taps.length; k++, wi += step) {
      final int t = taps[k];
      final IntVector w0 = IntVector.fromArray(S, w, wi);
      final IntVector w1 = IntVector.fromArray(S, w, wi + 1 * L);
      final IntVector w2 = IntVector.fromArray(S, w, wi + 2 * L);
      final IntVector w3 = IntVector.fromArray(S, w, wi + 3 * L);
      final IntVector v0 = IntVector.broadcast(S, x[p0 + t]);
      a00 = w0.mul(v0).add(a00);
      a01 = w1.mul(v0).add(a01);
      a02 = w2.mul(v0).add(a02);
      a03 = w3.mul(v0).add(a03);
      final IntVector v1 = IntVector.broadcast(S, x[p1 + t]);
      a10 = w0.mul(v1).add(a10);
      a11 = w1.mul(v1).add(a11);
      a12 = w2.mul(v1).add(a12);
      a13 = w3.mul(v1).add(a13);
      final IntVector v2 = IntVector.broadcast(S, x[p2 + t]);
      a20 = w0.mul(v2).add(a20);
      a21 = w1.mul(v2).add(a21);
      a22 = w2.mul(v2).add(a22);
      a23 = w3.mul(v2).add(a23);
      final IntVector v3 = IntVector.broadcast(S, x[p3 + t]);
      a30 = w0.mul(v3).add(a30);
      a31 = w1.mul(v3).add(a31);
      a32 = w2.mul(v3).add(a32);
      a33 = w3.mul(v3).add(a33);
    }
    a00.intoArray(acc, c);
    a01.intoArray(acc, c + 1 * L);
    a02.intoArray(acc, c + 2 * L);
    a03.intoArray(acc, c + 3 * L);
    a10.intoArray(acc, outDp + c);
    a11.intoArray(acc, outDp + c + 1 * L);
    a12.intoArray(acc, outDp + c + 2 * L);
    a13.intoArray(acc, outDp + c + 3 * L);
    a20.intoArray(acc, 2 * outDp + c);
    a21.intoArray(acc, 2 * outDp + c + 1 * L);
    a22.intoArray(acc, 2 * outDp + c + 2 * L);
    a23.intoArray(acc, 2 * outDp + c + 3 * L);
    a30.intoArray(acc, 3 * outDp + c);
    a31.intoArray(acc, 3 * outDp + c + 1 * L);
    a32.intoArray(acc, 3 * outDp + c + 2 * L);
    a33.intoArray(acc, 3 * outDp + c + 3 * L);
  }

  /** 2 channel vector(s) x 4 pixel(s) from pixel p, channel c, into acc. */
  private void k2x4(int p, int c) {
    final int[] x = pad.x;
    final int[] w = this.w;
    final int[] taps = this.taps;
    final int step = outDp;
    final IntVector b0 = IntVector.fromArray(S, bias, c);
    final IntVector b1 = IntVector.fromArray(S, bias, c + 1 * L);
    IntVector a00 = b0, a01 = b1;
    IntVector a10 = b0, a11 = b1;
    IntVector a20 = b0, a21 = b1;
    IntVector a30 = b0, a31 = b1;
    final int p0 = pad.pixBase[p];
    final int p1 = pad.pixBase[p + 1];
    final int p2 = pad.pixBase[p + 2];
    final int p3 = pad.pixBase[p + 3];
    int wi = c;
    for (int k = 0; k < taps.length; k++, wi += step) {
      final int t = taps[k];
      final IntVector w0 = IntVector.fromArray(S, w, wi);
      final IntVector w1 = IntVector.fromArray(S, w, wi + 1 * L);
      final IntVector v0 = IntVector.broadcast(S, x[p0 + t]);
      a00 = w0.mul(v0).add(a00);
      a01 = w1.mul(v0).add(a01);
      final IntVector v1 = IntVector.broadcast(S, x[p1 + t]);
      a10 = w0.mul(v1).add(a10);
      a11 = w1.mul(v1).add(a11);
      final IntVector v2 = IntVector.broadcast(S, x[p2 + t]);
      a20 = w0.mul(v2).add(a20);
      a21 = w1.mul(v2).add(a21);
      final IntVector v3 = IntVector.broadcast(S, x[p3 + t]);
      a30 = w0.mul(v3).add(a30);
      a31 = w1.mul(v3).add(a31);
    }
    a00.intoArray(acc, c);
    a01.intoArray(acc, c + 1 * L);
    a10.intoArray(acc, outDp + c);
    a11.intoArray(acc, outDp + c + 1 * L);
    a20.intoArray(acc, 2 * outDp + c);
    a21.intoArray(acc, 2 * outDp + c + 1 * L);
    a30.intoArray(acc, 3 * outDp + c);
    a31.intoArray(acc, 3 * outDp + c + 1 * L);
  }

  /** 1 channel vector(s) x 4 pixel(s) from pixel p, channel c, into acc. */
  private void k1x4(int p, int c) {
    final int[] x = pad.x;
    final int[] w = this.w;
    final int[] taps = this.taps;
    final int step = outDp;
    final IntVector b0 = IntVector.fromArray(S, bias, c);
    IntVector a00 = b0;
    IntVector a10 = b0;
    IntVector a20 = b0;
    IntVector a30 = b0;
    final int p0 = pad.pixBase[p];
    final int p1 = pad.pixBase[p + 1];
    final int p2 = pad.pixBase[p + 2];
    final int p3 = pad.pixBase[p + 3];
    int wi = c;
    for (int k = 0; k < taps.length; k++, wi += step) {
      final int t = taps[k];
      final IntVector w0 = IntVector.fromArray(S, w, wi);
      final IntVector v0 = IntVector.broadcast(S, x[p0 + t]);
      a00 = w0.mul(v0).add(a00);
      final IntVector v1 = IntVector.broadcast(S, x[p1 + t]);
      a10 = w0.mul(v1).add(a10);
      final IntVector v2 = IntVector.broadcast(S, x[p2 + t]);
      a20 = w0.mul(v2).add(a20);
      final IntVector v3 = IntVector.broadcast(S, x[p3 + t]);
      a30 = w0.mul(v3).add(a30);
    }
    a00.intoArray(acc, c);
    a10.intoArray(acc, outDp + c);
    a20.intoArray(acc, 2 * outDp + c);
    a30.intoArray(acc, 3 * outDp + c);
  }

  /** 4 channel vector(s) x 1 pixel(s) from pixel p, channel c, into acc. */
  private void k4x1(int p, int c) {
    final int[] x = pad.x;
    final int[] w = this.w;
    final int[] taps = this.taps;
    final int step = outDp;
    final IntVector b0 = IntVector.fromArray(S, bias, c);
    final IntVector b1 = IntVector.fromArray(S, bias, c + 1 * L);
    final IntVector b2 = IntVector.fromArray(S, bias, c + 2 * L);
    final IntVector b3 = IntVector.fromArray(S, bias, c + 3 * L);
    IntVector a00 = b0, a01 = b1, a02 = b2, a03 = b3;
    final int p0 = pad.pixBase[p];
    int wi = c;
    for (int k = 0; k < taps.length; k++, wi += step) {
      final int t = taps[k];
      final IntVector w0 = IntVector.fromArray(S, w, wi);
      final IntVector w1 = IntVector.fromArray(S, w, wi + 1 * L);
      final IntVector w2 = IntVector.fromArray(S, w, wi + 2 * L);
      final IntVector w3 = IntVector.fromArray(S, w, wi + 3 * L);
      final IntVector v0 = IntVector.broadcast(S, x[p0 + t]);
      a00 = w0.mul(v0).add(a00);
      a01 = w1.mul(v0).add(a01);
      a02 = w2.mul(v0).add(a02);
      a03 = w3.mul(v0).add(a03);
    }
    a00.intoArray(acc, c);
    a01.intoArray(acc, c + 1 * L);
    a02.intoArray(acc, c + 2 * L);
    a03.intoArray(acc, c + 3 * L);
  }

  /** 1 channel vector(s) x 1 pixel(s) from pixel p, channel c, into acc. */
  private void k1x1(int p, int c) {
    final int[] x = pad.x;
    final int[] w = this.w;
    final int[] taps = this.taps;
    final int step = outDp;
    final IntVector b0 = IntVector.fromArray(S, bias, c);
    IntVector a00 = b0;
    final int p0 = pad.pixBase[p];
    int wi = c;
    for (int k = 0; k < taps.length; k++, wi += step) {
      final int t = taps[k];
      final IntVector w0 = IntVector.fromArray(S, w, wi);
      final IntVector v0 = IntVector.broadcast(S, x[p0 + t]);
      a00 = w0.mul(v0).add(a00);
    }
    a00.intoArray(acc, c);
  }
}
