package kiln.augment.audio;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatFft}'s radix-4 and last radix-2 stages with the Vector API: the butterflies of LANES consecutive k at once,
 * each lane doing exactly the scalar butterfly's multiplications, additions and negations in the
 * same order (no fused multiply-add), so the result is bit for bit the scalar one. Loaded only when
 * {@link VectorPath} found the module.
 */
final class FloatFftVector {
  private FloatFftVector() {}

  /**
   * Half the CPU's preferred double width (256 bits, 8 floats, on AVX-512; 128 on AVX2) unless the
   * system property {@code kiln.augment.vectorBits} asks for 128, 256 or 512 (capped at the
   * preferred width). That is the float shape WSOLA's correlation (kiln.augment.tarsos) uses: with
   * two float shapes in one JVM, C2 left this class's vector stores on the Vector API's slow
   * fallback (JFR: FloatVector.stOp), and vtlp cost ~900 us a clip in the datagen bench instead of
   * ~260. Stages with h below the lanes stay scalar. Measured alone on AVX-512 (one thread, 1 s
   * clips): vtlp 240 us a clip at 4 lanes, 281 at 8, 274 at 16, 440 scalar, 321 for the double
   * code before; mixing widths in this class (4 lanes for h = 4, 16 above) was slower than either.
   */
  private static final VectorSpecies<Float> S = species(Integer.getInteger("kiln.augment.vectorBits",
      Math.max(128, DoubleVector.SPECIES_PREFERRED.vectorBitSize() / 2)));

  private static VectorSpecies<Float> species(int bits) {
    int preferred = FloatVector.SPECIES_PREFERRED.vectorBitSize();
    int chosen = Math.min(bits, preferred);
    return chosen >= 512 ? FloatVector.SPECIES_512 : chosen >= 256 ? FloatVector.SPECIES_256 : FloatVector.SPECIES_128;
  }

  static int lanes() {
    return S.length();
  }

  /** One radix-4 stage of sub-transform half-size h (a multiple of the lanes) over n points. */
  static void radix4(float[] re, float[] im, int n, int h, int sign, float[] t) {
    int lanes = S.length();
    boolean inverse = sign > 0;
    for (int g = 0; g < n; g += 4 * h) {
      for (int k = 0; k < h; k += lanes) {
        FloatVector w1r = FloatVector.fromArray(S, t, k);
        FloatVector w1i = FloatVector.fromArray(S, t, h + k);
        FloatVector w2r = FloatVector.fromArray(S, t, 2 * h + k);
        FloatVector w2i = FloatVector.fromArray(S, t, 3 * h + k);
        FloatVector w3r = FloatVector.fromArray(S, t, 4 * h + k);
        FloatVector w3i = FloatVector.fromArray(S, t, 5 * h + k);
        if (inverse) { // the table holds the forward twiddles
          w1i = w1i.neg();
          w2i = w2i.neg();
          w3i = w3i.neg();
        }
        int p0 = g + k;
        int p1 = p0 + h;
        int p2 = p1 + h;
        int p3 = p2 + h;
        FloatVector x0r = FloatVector.fromArray(S, re, p0);
        FloatVector x0i = FloatVector.fromArray(S, im, p0);
        FloatVector r1 = FloatVector.fromArray(S, re, p1);
        FloatVector i1 = FloatVector.fromArray(S, im, p1);
        FloatVector r2 = FloatVector.fromArray(S, re, p2);
        FloatVector i2 = FloatVector.fromArray(S, im, p2);
        FloatVector r3 = FloatVector.fromArray(S, re, p3);
        FloatVector i3 = FloatVector.fromArray(S, im, p3);
        FloatVector x1r = r1.mul(w2r).sub(i1.mul(w2i));
        FloatVector x1i = r1.mul(w2i).add(i1.mul(w2r));
        FloatVector x2r = r2.mul(w1r).sub(i2.mul(w1i));
        FloatVector x2i = r2.mul(w1i).add(i2.mul(w1r));
        FloatVector x3r = r3.mul(w3r).sub(i3.mul(w3i));
        FloatVector x3i = r3.mul(w3i).add(i3.mul(w3r));
        FloatVector ar = x0r.add(x1r);
        FloatVector ai = x0i.add(x1i);
        FloatVector br = x0r.sub(x1r);
        FloatVector bi = x0i.sub(x1i);
        FloatVector cr = x2r.add(x3r);
        FloatVector ci = x2i.add(x3i);
        // sign * i * (x2 - x3), as the scalar -sign * (x2i - x3i) and sign * (x2r - x3r)
        FloatVector dr = x2i.sub(x3i);
        FloatVector di = x2r.sub(x3r);
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
  static void radix2(float[] re, float[] im, int h, int sign, float[] t) {
    int lanes = S.length();
    boolean inverse = sign > 0;
    for (int k = 0; k < h; k += lanes) {
      FloatVector wr = FloatVector.fromArray(S, t, k);
      FloatVector wi = FloatVector.fromArray(S, t, h + k);
      if (inverse) {
        wi = wi.neg();
      }
      int b = k + h;
      FloatVector br = FloatVector.fromArray(S, re, b);
      FloatVector bi = FloatVector.fromArray(S, im, b);
      FloatVector xr = br.mul(wr).sub(bi.mul(wi));
      FloatVector xi = br.mul(wi).add(bi.mul(wr));
      FloatVector ar = FloatVector.fromArray(S, re, k);
      FloatVector ai = FloatVector.fromArray(S, im, k);
      ar.add(xr).intoArray(re, k);
      ai.add(xi).intoArray(im, k);
      ar.sub(xr).intoArray(re, b);
      ai.sub(xi).intoArray(im, b);
    }
  }
}
