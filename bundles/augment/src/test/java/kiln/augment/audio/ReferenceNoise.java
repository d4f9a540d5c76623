package kiln.augment.audio;

import kiln.api.KilnException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The noise colours in double arithmetic, as {@link NoiseColorAugmenter} made them before it moved
 * to floats (issue 21), on the double {@link RealInverseFft}: the reference the float noise is
 * compared with (the same draws, so the same noise up to rounding).
 */
final class ReferenceNoise {
  private ReferenceNoise() {}

  /** Bin amplitudes by colour exponent and FFT length: the same for every clip, so made once. */
  private static final java.util.concurrent.ConcurrentHashMap<List<Double>, double[]> AMPLITUDES =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Amplitude of bins 0..n/2: ~ f^(exponent/2), which gives power ~ f^exponent. */
  private static double[] amplitudes(double exponent, int n) {
    double[] amps = new double[n / 2 + 1];
    for (int k = 1; k <= n / 2; k++) {
      amps[k] = Math.pow(k, exponent / 2);
    }
    return amps;
  }

  /** Each thread's spectrum (bins 0..n/2) and output (even and odd samples) arrays, reused. */
  private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[4][0]);

  /** {@code length} samples of the colour's noise with peak amplitude 1. */
  static float[] noise(String color, int length, SplittableRandom random) {
    double exponent = switch (color) {
      case "white" -> 0;
      case "pink" -> -1;
      case "brown" -> -2;
      case "blue" -> 1;
      case "violet" -> 2;
      default -> throw new KilnException("unknown noise colour '" + color + "', expected one of " + NoiseColorAugmenter.COLORS);
    };
    int n = Fft.nextPowerOfTwo(Math.max(2, length));
    int h = n / 2;
    double[][] scratch = SCRATCH.get();
    if (scratch[2].length != h) {
      scratch[0] = new double[h + 1];
      scratch[1] = new double[h + 1];
      scratch[2] = new double[h];
      scratch[3] = new double[h];
    }
    double[] re = scratch[0];
    double[] im = scratch[1];
    re[0] = 0; // no DC; the loop below sets every other bin
    im[0] = 0;
    double[] amps = AMPLITUDES.computeIfAbsent(List.of(exponent, (double) n), key -> amplitudes(exponent, n));
    for (int k = 1; k <= h; k++) {
      double amp = amps[k];
      re[k] = amp * Draw.normal(random);
      im[k] = k == h ? 0 : amp * Draw.normal(random);
    }
    // the scale does not matter: the noise is scaled to a peak of 1 below
    double[] even = scratch[2];
    double[] odd = scratch[3];
    RealInverseFft.of(n).inverseUnscaled(re, im, even, odd);
    // x[2m] = even[m], x[2m+1] = odd[m]; the clip takes the first length of them
    int evens = (length + 1) / 2;
    int odds = length / 2;
    double peak = 0;
    for (int m = 0; m < evens; m++) {
      peak = Math.max(peak, Math.abs(even[m]));
    }
    for (int m = 0; m < odds; m++) {
      peak = Math.max(peak, Math.abs(odd[m]));
    }
    float[] out = new float[length];
    double scale = 1 / peak;
    for (int m = 0; m < odds; m++) {
      out[2 * m] = (float) (even[m] * scale);
      out[2 * m + 1] = (float) (odd[m] * scale);
    }
    if (evens > odds) {
      out[length - 1] = (float) (even[evens - 1] * scale);
    }
    return out;
  }
}
