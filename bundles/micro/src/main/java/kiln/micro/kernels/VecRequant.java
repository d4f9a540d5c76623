package kiln.micro.kernels;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * TFLite Micro's MultiplyByQuantizedMultiplier, output zero point and clamp on a vector of
 * accumulators of consecutive output channels (one channel per lane, each with its own multiplier
 * and shift): the 32-bit-only formula of {@link kiln.micro.reference.QuantRows} written lane-wise,
 * so the results equal the scalar reference bit for bit. Loaded only when the Vector API is
 * present ({@link VectorSupport}).
 */
final class VecRequant {
  static final VectorSpecies<Integer> S = IntVector.SPECIES_PREFERRED;
  /** Bytes with as many lanes as S. */
  static final VectorSpecies<Byte> B =
      VectorSpecies.of(byte.class, VectorShape.forBitSize(S.length() * 8));

  /** Per channel, padded to whole vectors: multiplier halves, left shift, rounding shift parts. */
  private final int[] mh;
  private final int[] ml;
  private final int[] leftShift;
  private final int[] exponent;
  private final int[] mask;
  private final int[] nudge;
  private final int[] negAdjust;
  private final int zeroPoint;
  private final int lo;
  private final int hi;
  private final int[] lanes = new int[S.length()];

  VecRequant(Requant rq, int channels, int padded) {
    mh = new int[padded];
    ml = new int[padded];
    leftShift = new int[padded];
    exponent = new int[padded];
    mask = new int[padded];
    nudge = new int[padded];
    negAdjust = new int[padded];
    for (int c = 0; c < channels; c++) {
      int m = rq.multiplier[c];
      int s = rq.shift[c];
      mh[c] = m >>> 16;
      ml[c] = m & 0xFFFF;
      leftShift[c] = s > 0 ? s : 0;
      int e = s > 0 ? 0 : -s;
      exponent[c] = e;
      mask[c] = (int) ((1L << e) - 1);
      nudge[c] = (1 << e) >>> 1;
      negAdjust[c] = e > 0 ? -1 : 0;
    }
    zeroPoint = rq.outputZeroPoint;
    lo = rq.actMin;
    hi = rq.actMax;
  }

  /**
   * Whether every channel's parameters lie where the 32-bit formula is exact: multiplier >= 0
   * (QuantizeMultiplier never gives a negative one) and shift in [-31, 30].
   */
  static boolean supports(Requant rq, int channels) {
    for (int c = 0; c < channels; c++) {
      if (rq.multiplier[c] < 0 || rq.shift[c] < -31 || rq.shift[c] > 30) {
        return false;
      }
    }
    return true;
  }

  /**
   * The clamped output values of the accumulators acc[ai ..] of channels c .. c + lanes - 1,
   * stored as bytes at out[o + c ..] (where fewer than a vector of channels remain, the rest of
   * the vector lands on the next pixel's first channels, or is left out at the array's end).
   * Arrays in and out: vectors passed to or returned from a method C2 does not inline are boxed.
   */
  void store(int[] acc, int ai, int c, byte[] out, int o, int outD) {
    IntVector a = IntVector.fromArray(S, acc, ai)
        .lanewise(VectorOperators.LSHL, IntVector.fromArray(S, leftShift, c));
    IntVector s = a.lanewise(VectorOperators.ASHR, 31);
    IntVector u = a.lanewise(VectorOperators.XOR, s).sub(s);
    IntVector uh = u.lanewise(VectorOperators.LSHR, 16);
    IntVector ul = u.and(0xFFFF);
    IntVector mhv = IntVector.fromArray(S, mh, c);
    IntVector mlv = IntVector.fromArray(S, ml, c);
    IntVector b1 = uh.mul(mlv);
    IntVector b2 = ul.mul(mhv);
    IntVector low = ul.mul(mlv);
    IntVector dh = low.lanewise(VectorOperators.LSHR, 16)
        .add(low.and(0xFFFF).add(1 << 30).add(s).lanewise(VectorOperators.LSHR, 16));
    IntVector r = uh.mul(mhv).lanewise(VectorOperators.LSHL, 1)
        .add(b1.lanewise(VectorOperators.LSHR, 15))
        .add(b2.lanewise(VectorOperators.LSHR, 15))
        .add(b1.and(0x7FFF).add(b2.and(0x7FFF)).add(dh).lanewise(VectorOperators.LSHR, 15));
    IntVector v = r.lanewise(VectorOperators.XOR, s).sub(s);
    IntVector e = IntVector.fromArray(S, exponent, c);
    IntVector carry = v.and(IntVector.fromArray(S, mask, c))
        .add(IntVector.fromArray(S, nudge, c))
        .add(v.lanewise(VectorOperators.ASHR, 31).and(IntVector.fromArray(S, negAdjust, c)))
        .lanewise(VectorOperators.LSHR, e);
    IntVector q = v.lanewise(VectorOperators.ASHR, e).add(carry).add(zeroPoint).max(lo).min(hi);
    // a whole vector also where it runs past this pixel's channels into the next pixel's, which
    // callers write later (they store pixels and channels in ascending order), when it stays
    // inside the array
    if (c + S.length() <= outD || o + c + S.length() <= out.length) {
      ((ByteVector) q.convertShape(VectorOperators.I2B, B, 0)).intoArray(out, o + c);
    } else {
      q.intoArray(lanes, 0);
      for (int i = 0, n = outD - c; i < n; i++) {
        out[o + c + i] = (byte) lanes[i];
      }
    }
  }
}
