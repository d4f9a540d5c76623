package kiln.audio;

/**
 * Band-limited resampling by a rational factor: a Kaiser-windowed sinc low-pass (cut off at the
 * lower of the two Nyquist frequencies) evaluated in polyphase form. Output sample {@code n} sits at
 * input time {@code n * from / to}; samples outside the input count as silence.
 *
 * <p>Cost is bounded: the tap table holds at most {@value #MAX_TABLE_FLOATS} floats (beyond that,
 * taps are interpolated linearly between {@link #interpolatedPhases} tabulated phases), each output
 * sample costs {@code 32 * max(1, from / to)} multiply-adds (rates differ {@value #MAX_RATIO} times
 * at most), and the output holds at most {@value #MAX_OUTPUT_SAMPLES} samples.
 */
public final class Resampler {
  /** Zero crossings of the sinc on each side of the centre, at the cut-off frequency. */
  private static final int ZERO_CROSSINGS = 16;
  /** Kaiser window shape: about 80 dB stop-band attenuation. */
  private static final double KAISER_BETA = 8.0;
  /** Above this many phases, or this many taps in all, taps are interpolated between phases. */
  private static final int MAX_TABLE_PHASES = 4096;
  static final int MAX_TABLE_FLOATS = 1 << 22;
  /** The longest output (2^28 samples, 1 GiB of floats: 4.6 hours at 16 kHz). */
  public static final long MAX_OUTPUT_SAMPLES = 1L << 28;
  /** The largest ratio between the two rates, either way (bounds the taps per sample). */
  public static final int MAX_RATIO = 1024;

  private Resampler() {}

  /** The number of samples {@code inLength} samples at {@code fromHz} become at {@code toHz}. */
  public static long outputLength(long inLength, int fromHz, int toHz) {
    if (fromHz <= 0 || toHz <= 0) {
      throw new IllegalArgumentException("sample rates must be positive, got " + fromHz + " -> " + toHz);
    }
    if (fromHz == toHz) {
      return inLength;
    }
    int g = gcd(fromHz, toHz);
    long up = toHz / g;
    long down = fromHz / g;
    return (inLength * up + down - 1) / down;
  }

  /**
   * Resamples {@code in} from {@code fromHz} to {@code toHz}; returns a copy when equal.
   *
   * @throws IllegalArgumentException for rates that are not positive or further apart than
   *     {@value #MAX_RATIO} times, or an output longer than {@value #MAX_OUTPUT_SAMPLES} samples
   */
  public static float[] resample(float[] in, int fromHz, int toHz) {
    long outLength = outputLength(in.length, fromHz, toHz);
    if (Math.max(fromHz, toHz) / (double) Math.min(fromHz, toHz) > MAX_RATIO) {
      throw new IllegalArgumentException("cannot resample from " + fromHz + " Hz to " + toHz
          + " Hz: the rates may differ " + MAX_RATIO + " times at most");
    }
    if (outLength > MAX_OUTPUT_SAMPLES) {
      throw new IllegalArgumentException(in.length + " samples at " + fromHz + " Hz resample to "
          + outLength + " at " + toHz + " Hz, more than " + MAX_OUTPUT_SAMPLES);
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
    float[] out = new float[(int) outLength];
    boolean exact = up <= MAX_TABLE_PHASES && (long) up * taps <= MAX_TABLE_FLOATS;
    // exact: one table row per phase; else rows at fractions p / phases, the last at 1.0
    int phases = exact ? up : interpolatedPhases(taps);
    float[] table = table(phases, exact ? phases : phases + 1, taps, half, cutoff);
    float[] scratch = exact ? null : new float[taps];
    for (int n = 0; n < out.length; n++) {
      long pos = (long) n * down;
      int base = (int) (pos / up); // input sample at or before the output time
      int phase = (int) (pos % up);
      float[] h;
      int offset;
      if (exact) {
        h = table;
        offset = phase * taps;
      } else {
        interpolate(table, (double) phase / up * phases, taps, scratch);
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

  /** Tabulated phases when there are too many to tabulate each: as many as the budget allows. */
  static int interpolatedPhases(int taps) {
    return (int) Math.max(2, Math.min(MAX_TABLE_PHASES, MAX_TABLE_FLOATS / taps - 1));
  }

  /** {@code rows} rows of taps, row p at fraction p / phases. */
  private static float[] table(int phases, int rows, int taps, int half, double cutoff) {
    float[] t = new float[rows * taps];
    for (int p = 0; p < rows; p++) {
      fillTaps(t, p * taps, (double) p / phases, taps, half, cutoff);
    }
    return t;
  }

  /** Taps at a fractional row of the table, linear between the rows either side. */
  private static void interpolate(float[] table, double row, int taps, float[] dst) {
    int r = (int) row;
    float w = (float) (row - r);
    int a = r * taps;
    int b = a + taps;
    for (int k = 0; k < taps; k++) {
      dst[k] = table[a + k] + w * (table[b + k] - table[a + k]);
    }
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
