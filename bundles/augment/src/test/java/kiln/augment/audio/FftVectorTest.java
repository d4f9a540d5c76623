package kiln.augment.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Vector API radix-4 stages (float, and the double reference's) against the scalar ones: the same bits, forward and inverse, at
 * every size (so the golden hashes do not depend on whether the JVM has the module), and the
 * augmenters built on them likewise. The tests run with the module (the surefire argLine).
 */
class FftVectorTest {
  @AfterEach
  void restore() {
    VectorPath.setEnabled(true);
  }

  @Test
  void theTestJvmHasTheVectorPath() {
    assertThat(VectorPath.LANES).isGreaterThanOrEqualTo(2);
  }

  @Test
  void vectorAndScalarStagesGiveIdenticalBits() {
    assumeTrue(VectorPath.LANES >= 2);
    SplittableRandom random = new SplittableRandom(12);
    for (int n = 1; n <= 32768; n *= 2) {
      for (boolean inverse : new boolean[] {false, true}) {
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
          re[i] = random.nextGaussian();
          im[i] = random.nextGaussian();
        }
        double[] re2 = re.clone();
        double[] im2 = im.clone();
        VectorPath.setEnabled(true);
        Fft.transform(re, im, inverse);
        VectorPath.setEnabled(false);
        Fft.transform(re2, im2, inverse);
        assertThat(re).as("re n=%d inverse=%s", n, inverse).isEqualTo(re2);
        assertThat(im).as("im n=%d inverse=%s", n, inverse).isEqualTo(im2);
      }
    }
  }

  @Test
  void floatVectorAndScalarStagesGiveIdenticalBits() {
    assumeTrue(VectorPath.LANES >= 2);
    SplittableRandom random = new SplittableRandom(13);
    for (int n = 1; n <= 32768; n *= 2) {
      for (boolean inverse : new boolean[] {false, true}) {
        float[] re = new float[n];
        float[] im = new float[n];
        for (int i = 0; i < n; i++) {
          re[i] = (float) random.nextGaussian();
          im[i] = (float) random.nextGaussian();
        }
        float[] re2 = re.clone();
        float[] im2 = im.clone();
        VectorPath.setEnabled(true);
        FloatFft.transform(re, im, inverse);
        VectorPath.setEnabled(false);
        FloatFft.transform(re2, im2, inverse);
        assertThat(re).as("re n=%d inverse=%s", n, inverse).isEqualTo(re2);
        assertThat(im).as("im n=%d inverse=%s", n, inverse).isEqualTo(im2);
      }
    }
  }

  @Test
  void augmentersGiveIdenticalBitsOnBothPaths() {
    assumeTrue(VectorPath.LANES >= 2);
    float[] x = FastVtlpTest.clip(16000, new SplittableRandom(4));
    VectorPath.setEnabled(true);
    float[] vtlpVector = VtlpAugmenter.warp(x.clone(), 16000, 0.83);
    float[] noiseVector = NoiseColorAugmenter.noise("blue", 16000, new SplittableRandom(6));
    VectorPath.setEnabled(false);
    assertThat(VtlpAugmenter.warp(x.clone(), 16000, 0.83)).isEqualTo(vtlpVector);
    assertThat(NoiseColorAugmenter.noise("blue", 16000, new SplittableRandom(6))).isEqualTo(noiseVector);
  }
}
