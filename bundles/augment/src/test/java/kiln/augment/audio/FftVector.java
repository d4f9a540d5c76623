package kiln.augment.audio;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * (Test reference, see {@link Fft}.) {@link Fft}'s radix-4 and last radix-2 stages with the Vector API: the butterflies of LANES consecutive k at once,
 * each lane doing exactly the scalar butterfly's multiplications, additions and negations in the
 * same order (no fused multiply-add), so the result is bit for bit the scalar one. Loaded only when
 * {@link VectorPath} found the module.
 */
final class FftVector {
  private FftVector() {}

  /**
   * At most 4 doubles: the first vector stage then has h = 4 (the stage after the twiddle-free
   * first one); with AVX-512's 8 lanes it would stay scalar, which measured 20% slower overall.
   */
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED.vectorBitSize() > 256
      ? DoubleVector.SPECIES_256 : DoubleVector.SPECIES_PREFERRED;

  static int lanes() {
    return S.length();
  }

  /** One radix-4 stage of sub-transform half-size h (a multiple of the lanes) over n points. */
  static void radix4(double[] re, double[] im, int n, int h, int sign, double[] t) {
    int lanes = S.length();
    boolean inverse = sign > 0;
    for (int g = 0; g < n; g += 4 * h) {
      for (int k = 0; k < h; k += lanes) {
        DoubleVector w1r = DoubleVector.fromArray(S, t, k);
        DoubleVector w1i = DoubleVector.fromArray(S, t, h + k);
        DoubleVector w2r = DoubleVector.fromArray(S, t, 2 * h + k);
        DoubleVector w2i = DoubleVector.fromArray(S, t, 3 * h + k);
        DoubleVector w3r = DoubleVector.fromArray(S, t, 4 * h + k);
        DoubleVector w3i = DoubleVector.fromArray(S, t, 5 * h + k);
        if (inverse) { // the table holds the forward twiddles
          w1i = w1i.neg();
          w2i = w2i.neg();
          w3i = w3i.neg();
        }
        int p0 = g + k;
        int p1 = p0 + h;
        int p2 = p1 + h;
        int p3 = p2 + h;
        DoubleVector x0r = DoubleVector.fromArray(S, re, p0);
        DoubleVector x0i = DoubleVector.fromArray(S, im, p0);
        DoubleVector r1 = DoubleVector.fromArray(S, re, p1);
        DoubleVector i1 = DoubleVector.fromArray(S, im, p1);
        DoubleVector r2 = DoubleVector.fromArray(S, re, p2);
        DoubleVector i2 = DoubleVector.fromArray(S, im, p2);
        DoubleVector r3 = DoubleVector.fromArray(S, re, p3);
        DoubleVector i3 = DoubleVector.fromArray(S, im, p3);
        DoubleVector x1r = r1.mul(w2r).sub(i1.mul(w2i));
        DoubleVector x1i = r1.mul(w2i).add(i1.mul(w2r));
        DoubleVector x2r = r2.mul(w1r).sub(i2.mul(w1i));
        DoubleVector x2i = r2.mul(w1i).add(i2.mul(w1r));
        DoubleVector x3r = r3.mul(w3r).sub(i3.mul(w3i));
        DoubleVector x3i = r3.mul(w3i).add(i3.mul(w3r));
        DoubleVector ar = x0r.add(x1r);
        DoubleVector ai = x0i.add(x1i);
        DoubleVector br = x0r.sub(x1r);
        DoubleVector bi = x0i.sub(x1i);
        DoubleVector cr = x2r.add(x3r);
        DoubleVector ci = x2i.add(x3i);
        // sign * i * (x2 - x3), as the scalar -sign * (x2i - x3i) and sign * (x2r - x3r)
        DoubleVector dr = x2i.sub(x3i);
        DoubleVector di = x2r.sub(x3r);
        if (inverse) {
          dr = dr.neg();
        } else {
          di = di.neg();
        }
        ar.add(cr).intoArray(re, p0);
        ai.add(ci).intoArray(im, p0);
        ar.sub(cr).intoArray(re, p2);
        ai.sub(ci).intoArray(im, p2);
        br.add(dr).intoArray(re, p1);
        bi.add(di).intoArray(im, p1);
        br.sub(dr).intoArray(re, p3);
        bi.sub(di).intoArray(im, p3);
      }
    }
  }

  /** The last radix-2 stage: halves of h points combined with the forward twiddles t (re, im blocks). */
  static void radix2(double[] re, double[] im, int h, int sign, double[] t) {
    int lanes = S.length();
    boolean inverse = sign > 0;
    for (int k = 0; k < h; k += lanes) {
      DoubleVector wr = DoubleVector.fromArray(S, t, k);
      DoubleVector wi = DoubleVector.fromArray(S, t, h + k);
      if (inverse) {
        wi = wi.neg();
      }
      int b = k + h;
      DoubleVector br = DoubleVector.fromArray(S, re, b);
      DoubleVector bi = DoubleVector.fromArray(S, im, b);
      DoubleVector xr = br.mul(wr).sub(bi.mul(wi));
      DoubleVector xi = br.mul(wi).add(bi.mul(wr));
      DoubleVector ar = DoubleVector.fromArray(S, re, k);
      DoubleVector ai = DoubleVector.fromArray(S, im, k);
      ar.add(xr).intoArray(re, k);
      ai.add(xi).intoArray(im, k);
      ar.sub(xr).intoArray(re, b);
      ai.sub(xi).intoArray(im, b);
    }
  }
}
