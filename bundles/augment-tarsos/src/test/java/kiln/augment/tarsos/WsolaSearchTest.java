package kiln.augment.tarsos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * WSOLA's offset search, vector and scalar, against the correlation written out plainly: for each
 * offset, the float products summed in double in increasing order (TarsosDSP's
 * {@code calcCrossCorr}). Both must give these exact bits, so both choose the same offsets.
 */
class WsolaSearchTest {

  /** TarsosDSP's arithmetic, one offset at a time. */
  static double plain(float[] ref, int n, float[] in, int o) {
    double c = 0;
    for (int i = 1; i < n; i++) {
      c += ref[i] * in[i + o];
    }
    return c;
  }

  @Test
  void bothSearchesGiveThePlainCorrelationsBitForBit() {
    SplittableRandom r = new SplittableRandom(21);
    // the speech settings at 16 kHz (overlap 192, seek 240), 8 kHz and 44.1 kHz, and odd sizes that
    // leave every kind of remainder (whole vector groups, single vectors, scalar offsets)
    int[][] sizes = {{192, 240}, {96, 120}, {529, 661}, {191, 237}, {7, 3}, {40, 33}, {2, 1}};
    for (int[] s : sizes) {
      int n = s[0];
      int seek = s[1];
      for (int trial = 0; trial < 20; trial++) {
        float[] ref = new float[n];
        float[] in = new float[n + seek + 5];
        for (int i = 0; i < ref.length; i++) {
          ref[i] = (float) (r.nextGaussian() * (trial % 3 == 0 ? 1e-3 : 500));
        }
        for (int i = 0; i < in.length; i++) {
          in[i] = (float) r.nextGaussian();
        }
        double[] scalar = new double[seek];
        Wsola.correlate(ref, n, in, seek, scalar, false);
        for (int o = 0; o < seek; o++) {
          assertThat(Double.doubleToRawLongBits(scalar[o])).as("scalar, n %d offset %d", n, o)
              .isEqualTo(Double.doubleToRawLongBits(plain(ref, n, in, o)));
        }
        if (VectorSupport.available()) {
          double[] vector = new double[seek];
          Wsola.correlate(ref, n, in, seek, vector, true);
          assertThat(vector).as("vector, n %d seek %d", n, seek).containsExactly(scalar);
        }
      }
    }
  }

  @Test
  void theVectorPathIsThereWhenTheModuleIs() {
    // surefire runs with --add-modules jdk.incubator.vector: the vector path must then be the one used
    assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
    assertThat(VectorSupport.available()).isTrue();
  }
}
