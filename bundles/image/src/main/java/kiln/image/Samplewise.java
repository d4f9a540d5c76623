package kiln.image;

/**
 * Keras' per-image {@code standardize} steps MLTK records in a model's parameters
 * ({@code samplewise_norm.*}): multiply by {@code rescale}, then centre on the image's mean and
 * divide by its standard deviation (+ 1e-6). The generator and kiln:classify_image share it, so an
 * image is fed to a model exactly as it was trained.
 */
public final class Samplewise {
  private Samplewise() {}

  /** {@code x}, in place; a {@code rescale} of 0 means none. */
  public static float[] normalize(float[] x, double rescale, boolean center, boolean stdNormalization) {
    if (rescale != 0) {
      for (int i = 0; i < x.length; i++) {
        x[i] *= (float) rescale;
      }
    }
    if (center || stdNormalization) {
      double mean = 0;
      for (float v : x) {
        mean += v;
      }
      mean /= x.length;
      double var = 0;
      for (float v : x) {
        var += (v - mean) * (v - mean);
      }
      double std = Math.sqrt(var / x.length);
      for (int i = 0; i < x.length; i++) {
        double v = center ? x[i] - mean : x[i];
        x[i] = (float) (stdNormalization ? v / (std + 1e-6) : v);
      }
    }
    return x;
  }
}
