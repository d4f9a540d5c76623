package kiln.augment.tarsos;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * WSOLA's offset search on the Vector API: candidate offsets in vector lanes. For each reference
 * sample the float products with {@code L} consecutive offsets' input samples are made in one float
 * vector, widened to doubles and added to the offsets' double accumulators, so every offset sums
 * exactly the float-rounded products the scalar search sums, in the same order: the correlations
 * are bit for bit the scalar ones. Loaded only when the Vector API is present ({@link VectorSupport}).
 */
final class VecCorrelation {
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
  /** Floats with as many lanes as {@link #D} (half its width), widened lane for lane. */
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2));
  private static final int L = D.length();
  /** Offset vectors accumulated per pass over the reference (hides the add latency). */
  private static final int G = 4;

  private VecCorrelation() {}

  /**
   * {@code corr[o] = sum over i in [1, n) of (double) (ref[i] * in[i + o])} for every offset o in
   * [0, seek) that fills a whole vector; returns the first offset left to the caller.
   */
  static int correlate(float[] ref, int n, float[] in, int seek, double[] corr) {
    int o = 0;
    for (; o + G * L <= seek; o += G * L) {
      DoubleVector a0 = DoubleVector.zero(D);
      DoubleVector a1 = a0;
      DoubleVector a2 = a0;
      DoubleVector a3 = a0;
      for (int i = 1; i < n; i++) {
        FloatVector r = FloatVector.broadcast(F, ref[i]);
        int j = i + o;
        a0 = a0.add(widen(FloatVector.fromArray(F, in, j).mul(r)));
        a1 = a1.add(widen(FloatVector.fromArray(F, in, j + L).mul(r)));
        a2 = a2.add(widen(FloatVector.fromArray(F, in, j + 2 * L).mul(r)));
        a3 = a3.add(widen(FloatVector.fromArray(F, in, j + 3 * L).mul(r)));
      }
      a0.intoArray(corr, o);
      a1.intoArray(corr, o + L);
      a2.intoArray(corr, o + 2 * L);
      a3.intoArray(corr, o + 3 * L);
    }
    for (; o + L <= seek; o += L) {
      DoubleVector a = DoubleVector.zero(D);
      for (int i = 1; i < n; i++) {
        a = a.add(widen(FloatVector.fromArray(F, in, i + o).mul(ref[i])));
      }
      a.intoArray(corr, o);
    }
    return o;
  }

  private static DoubleVector widen(FloatVector v) {
    return (DoubleVector) v.convertShape(VectorOperators.F2D, D, 0);
  }
}
