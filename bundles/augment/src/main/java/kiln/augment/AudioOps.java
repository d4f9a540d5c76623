package kiln.augment;

import java.util.Arrays;

/** Plain audio operations the generator and augmenters share (MLTK's {@code adjust_length} steps). */
public final class AudioOps {
  /** librosa's defaults for {@code effects.trim}: frame and hop length in samples. */
  public static final int TRIM_FRAME = 2048;
  public static final int TRIM_HOP = 512;

  private AudioOps() {}

  /**
   * Removes leading and trailing silence as {@code librosa.effects.trim(x, top_db)} does: frames of
   * 2048 samples every 512 (centred, zero padded) whose RMS is more than {@code topDb} below the
   * loudest frame are silence. Returns an empty array when everything is silent.
   */
  public static float[] trim(float[] x, double topDb) {
    if (x.length == 0) {
      return x;
    }
    long bounds = trimBounds(x, topDb);
    return Arrays.copyOfRange(x, (int) (bounds >>> 32), (int) bounds);
  }

  /**
   * The part {@link #trim} keeps: {@code start << 32 | end} ({@code start == end} when everything is
   * silent). The generator caches it per clip, since it depends on the clip alone.
   */
  public static long trimBounds(float[] x, double topDb) {
    if (x.length == 0) {
      return 0;
    }
    // prefix sums of squares give each frame's energy in O(1)
    double[] cum = new double[x.length + 1];
    for (int i = 0; i < x.length; i++) {
      cum[i + 1] = cum[i] + (double) x[i] * x[i];
    }
    int frames = 1 + x.length / TRIM_HOP;
    double[] power = new double[frames];
    double max = 0;
    for (int f = 0; f < frames; f++) {
      int from = Math.max(0, f * TRIM_HOP - TRIM_FRAME / 2);
      int to = Math.min(x.length, f * TRIM_HOP + TRIM_FRAME / 2);
      power[f] = (cum[to] - cum[from]) / TRIM_FRAME;
      max = Math.max(max, power[f]);
    }
    if (max <= 0) {
      return 0;
    }
    double threshold = max * Math.pow(10, -topDb / 10);
    int first = -1;
    int last = -1;
    for (int f = 0; f < frames; f++) {
      if (power[f] > threshold) {
        if (first < 0) {
          first = f;
        }
        last = f;
      }
    }
    int start = first * TRIM_HOP;
    int end = Math.min(x.length, (last + 1) * TRIM_HOP);
    return (long) start << 32 | end;
  }

  /**
   * Crops or zero-pads {@code x} to {@code outLength} samples. When longer, the window starts
   * {@code floor((in - out) * offset)} samples in; when shorter, that many zeros go before it.
   */
  public static float[] adjustLength(float[] x, int outLength, double offset) {
    if (x.length == outLength) {
      return x;
    }
    int diff = Math.abs(x.length - outLength);
    int before = (int) (diff * offset);
    if (x.length > outLength) {
      return Arrays.copyOfRange(x, before, before + outLength);
    }
    float[] out = new float[outLength];
    System.arraycopy(x, 0, out, before, x.length);
    return out;
  }

  /** Root mean square of the samples (0 for an empty array). */
  public static double rms(float[] x) {
    if (x.length == 0) {
      return 0;
    }
    double sum = 0;
    for (float v : x) {
      sum += (double) v * v;
    }
    return Math.sqrt(sum / x.length);
  }

  /** The samples' minimum and maximum, {0, 0} when empty. */
  public static float[] minMax(float[] x) {
    float min = 0;
    float max = 0;
    if (x.length > 0) {
      min = x[0];
      max = x[0];
      for (float v : x) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    return new float[] {min, max};
  }
}
