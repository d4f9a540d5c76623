package kiln.audio;

/**
 * Band-limited resampling by a rational factor: a Kaiser-windowed sinc low-pass (cut off at the
 * lower of the two Nyquist frequencies) evaluated in polyphase form. Output sample {@code n} sits at
 * input time {@code n * from / to}; samples outside the input count as silence.
 */
public final class Resampler {
  /** Zero crossings of the sinc on each side of the centre, at the cut-off frequency. */
  private static final int ZERO_CROSSINGS = 16;
  /** Kaiser window shape: about 80 dB stop-band attenuation. */
  private static final double KAISER_BETA = 8.0;
  /** Above this many phases, taps are computed per output sample instead of tabulated. */
  private static final int MAX_TABLE_PHASES = 4096;

  private Resampler() {}

  /** Resamples {@code in} from {@code fromHz} to {@code toHz}; returns a copy when equal. */
  public static float[] resample(float[] in, int fromHz, int toHz) {
    if (fromHz <= 0 || toHz <= 0) {
      throw new IllegalArgumentException("sample rates must be positive, got " + fromHz + " -> " + toHz);
    }
    if (fromHz == toHz) {
      return in.clone();
    }
    int g = gcd(fromHz, toHz);
    int up = toHz / g;
    int down = fromHz / g;
    double cutoff = Math.min(1.0, (double) up / down); // relative to the input Nyquist
    int half = (int) Math.ceil(ZERO_CROSSINGS / cutoff); // taps on each side, in input samples
    int taps = 2 * half;
    long outLength = ((long) in.length * up + down - 1) / down;
    float[] out = new float[(int) outLength];
    float[] table = up <= MAX_TABLE_PHASES ? table(up, taps, half, cutoff) : null;
    float[] scratch = table == null ? new float[taps] : null;
    for (int n = 0; n < out.length; n++) {
      long pos = (long) n * down;
      int base = (int) (pos / up); // input sample at or before the output time
      int phase = (int) (pos % up);
      float[] h;
      int offset;
      if (table != null) {
        h = table;
        offset = phase * taps;
      } else {
        fillTaps(scratch, 0, (double) phase / up, taps, half, cutoff);
        h = scratch;
        offset = 0;
      }
      int first = base - half + 1;
      double acc = 0;
      int kStart = Math.max(0, -first);
      int kEnd = Math.min(taps, in.length - first);
      for (int k = kStart; k < kEnd; k++) {
        acc += in[first + k] * h[offset + k];
      }
      out[n] = (float) acc;
    }
    return out;
  }

  private static float[] table(int phases, int taps, int half, double cutoff) {
    float[] t = new float[phases * taps];
    for (int p = 0; p < phases; p++) {
      fillTaps(t, p * taps, (double) p / phases, taps, half, cutoff);
    }
    return t;
  }

  /** Tap k weighs input sample base - half + 1 + k, at distance (half - 1 - k) + frac before the output time. */
  private static void fillTaps(float[] dst, int offset, double frac, int taps, int half, double cutoff) {
    double i0Beta = besselI0(KAISER_BETA);
    for (int k = 0; k < taps; k++) {
      double x = (half - 1 - k) + frac; // output time minus input sample time, in input samples
      double r = x / half;
      double window = Math.abs(r) >= 1 ? 0 : besselI0(KAISER_BETA * Math.sqrt(1 - r * r)) / i0Beta;
      dst[offset + k] = (float) (cutoff * sinc(cutoff * x) * window);
    }
  }

  private static double sinc(double x) {
    if (x == 0) {
      return 1;
    }
    double px = Math.PI * x;
    return Math.sin(px) / px;
  }

  private static double besselI0(double x) {
    double sum = 1;
    double term = 1;
    double q = x * x / 4;
    for (int k = 1; k < 50; k++) {
      term *= q / ((double) k * k);
      sum += term;
      if (term < 1e-12 * sum) {
        break;
      }
    }
    return sum;
  }

  private static int gcd(int a, int b) {
    while (b != 0) {
      int t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
