package kiln.micro.kernels;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * What the Vector API int8 kernels share: the input minus its zero point as ints in a buffer
 * with a zero border (so no tap ever tests an edge: the border holds 0 = the input zero point,
 * which TFLite Micro skips), output channels in vector lanes, and the requantized store into the
 * NHWC int8 output. Loaded only when the Vector API is present ({@link VectorSupport}).
 */
abstract class VecBase implements Int8Eval {
  static final VectorSpecies<Integer> S = VecRequant.S;
  static final int L = S.length();
  static final VectorSpecies<Byte> B = VecRequant.B;

  final byte[] in;
  final byte[] out;
  final int inOffset;
  final Requant rq;
  final VecRequant vrq;
  final int outD;
  /** Output channels rounded up to whole vectors. */
  final int outDp;
  /** The bias padded to outDp (refreshed each run: the bias tensor is read as it is then). */
  final int[] bias;

  VecBase(byte[] in, byte[] out, Requant rq, int outD) {
    this.in = in;
    this.out = out;
    this.rq = rq;
    this.inOffset = -rq.inputZeroPoint;
    this.outD = outD;
    this.outDp = (outD + L - 1) / L * L;
    this.vrq = new VecRequant(rq, outD, outDp);
    this.bias = new int[outDp];
  }

  void loadBias() {
    if (rq.bias != null) {
      System.arraycopy(rq.bias, 0, bias, 0, outD);
    }
  }

  /** dst[d + i] = src[s + i] + offset for i in [0, n). */
  static void widen(byte[] src, int s, int[] dst, int d, int n, int offset) {
    int i = 0;
    for (; i + L <= n; i += L) {
      ((IntVector) ByteVector.fromArray(B, src, s + i).convertShape(VectorOperators.B2I, S, 0))
          .add(offset).intoArray(dst, d + i);
    }
    for (; i < n; i++) {
      dst[d + i] = src[s + i] + offset;
    }
  }

  /**
   * Requantizes rows accumulator rows (acc[j * outDp + c], channels in lanes) into the NHWC
   * output from out[o] on, one output pixel per row. Accumulators reach this method through an
   * array: a vector passed to a method C2 does not inline would be boxed on every call.
   */
  final void storeRows(int[] acc, int rows, int o) {
    for (int j = 0; j < rows; j++) {
      for (int c = 0; c < outDp; c += L) {
        vrq.store(acc, j * outDp + c, c, out, o + j * outD, outD);
      }
    }
  }
}
