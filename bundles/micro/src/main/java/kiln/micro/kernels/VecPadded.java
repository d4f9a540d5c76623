package kiln.micro.kernels;

/**
 * An NHWC input of one batch as ints minus the input zero point, inside a zero border wide enough
 * that every filter tap of every output pixel lies inside the buffer: pixel (oy, ox)'s tap
 * (fy, fx) starts at {@code pixBase[oy * outW + ox] + tapOff[fy * fW + fx]}. With a depth
 * multiplier m > 1 each input channel is written m times, so channel c of the buffer feeds output
 * channel c (depthwise). The buffer ends with one vector of slack for whole-vector loads.
 */
final class VecPadded {
  final int[] x;
  final int[] pixBase;
  final int[] tapOff;
  /** Channels per buffer pixel: the input depth times the multiplier. */
  final int depth;
  private final int inH, inW, inD, mult, wp, padT, padL;

  VecPadded(int inH, int inW, int inD, int mult, int outH, int outW, int fH, int fW,
      int strideH, int strideW, int dilH, int dilW, int padH, int padW, int slack) {
    this.inH = inH;
    this.inW = inW;
    this.inD = inD;
    this.mult = mult;
    this.depth = inD * mult;
    this.padT = padH;
    this.padL = padW;
    int hp = Math.max(inH + padH, (outH - 1) * strideH + (fH - 1) * dilH + 1);
    this.wp = Math.max(inW + padW, (outW - 1) * strideW + (fW - 1) * dilW + 1);
    this.x = new int[Math.multiplyExact(Math.multiplyExact(hp, wp), depth) + slack];
    this.pixBase = new int[outH * outW];
    for (int oy = 0; oy < outH; oy++) {
      for (int ox = 0; ox < outW; ox++) {
        pixBase[oy * outW + ox] = (oy * strideH * wp + ox * strideW) * depth;
      }
    }
    this.tapOff = new int[fH * fW];
    for (int fy = 0; fy < fH; fy++) {
      for (int fx = 0; fx < fW; fx++) {
        tapOff[fy * fW + fx] = (fy * dilH * wp + fx * dilW) * depth;
      }
    }
  }

  /** Writes batch b of the input (minus its zero point: + offset) inside the border. */
  void fill(byte[] in, int b, int offset) {
    int rowLen = inW * inD;
    for (int iy = 0; iy < inH; iy++) {
      int src = (b * inH + iy) * rowLen;
      int dst = ((iy + padT) * wp + padL) * depth;
      if (mult == 1) {
        VecBase.widen(in, src, x, dst, rowLen, offset);
      } else {
        for (int i = 0; i < rowLen; i++) {
          int v = in[src + i] + offset;
          for (int m = 0; m < mult; m++) {
            x[dst++] = v;
          }
        }
      }
    }
  }
}
