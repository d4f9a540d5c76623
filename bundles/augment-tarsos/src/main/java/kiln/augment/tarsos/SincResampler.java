package kiln.augment.tarsos;

/**
 * The streaming windowed-sinc resampler of TarsosDSP's {@code RateTransposer} (its
 * {@code Resampler(false, 0.1, 4.0)}: libresample's low-quality filter of 11 zero crossings,
 * Kaiser window beta 6, roll-off 0.9, 4,096 filter values per zero crossing, no interpolation of the
 * filter), step for step and operation for operation, so its output is TarsosDSP's bit for bit
 * ({@code SincResamplerTest}). What differs: the filter table is designed once and shared by every
 * instance (TarsosDSP copies 160 kB of tables for each session), a session starts afresh by
 * {@link #reset()}, and blocks go straight between arrays instead of through {@code FloatBuffer}s.
 *
 * <p>The stream: input blocks are appended to a window {@code x} of {@link #X_SIZE} samples that
 * keeps {@link #X_OFF} samples of history on each side of the samples being converted; each output
 * sample at input time t is the sum of the left wing (samples at and before t) and the right wing
 * (after t) of the filter times the input, scaled by the factor when down-sampling. Output that
 * does not fit the caller's buffer waits in {@code y} for the next call.
 *
 * <p>libresample (LGPL) reached TarsosDSP through libresample4j; like the rest of this bundle, this
 * class follows TarsosDSP and is GPL-3.0 with it.
 */
final class SincResampler {
  /** Filter values per zero crossing (libresample's Npc). */
  private static final int NPC = 4096;
  /** Zero crossings of the low-quality filter (Nmult). */
  private static final int NMULT = 11;
  /** Filter values in one wing (Nwing). */
  private static final int NWING = NPC * (NMULT - 1) / 2;
  /** Filter values a wing takes when up-sampling: one per zero crossing of the wing. */
  private static final int TAPS_UP = (NMULT - 1) / 2;
  private static final double MIN_FACTOR = 0.1;
  private static final double MAX_FACTOR = 4.0;
  /** The filter's reach in input samples (plus creeping room), for factors down to 0.1. */
  static final int X_OFF = Math.max((int) ((NMULT + 1) / 2.0 * Math.max(1.0, 1.0 / MIN_FACTOR) + 10),
      (int) ((NMULT + 1) / 2.0 * Math.max(1.0, 1.0 / MAX_FACTOR) + 10));
  static final int X_SIZE = Math.max(2 * X_OFF + 10, 4096);
  /** The right wing of the filter, sampled NPC times per zero crossing. */
  private static final float[] IMP = filter();

  private final float[] x = new float[X_SIZE + X_OFF];
  private final float[] y = new float[(int) (X_SIZE * MAX_FACTOR + 2.0)];
  private int xp;
  private int xRead;
  private int yp;
  private double time;

  SincResampler() {
    reset();
  }

  /** Back to a new session: silent history, nothing pending. */
  void reset() {
    java.util.Arrays.fill(x, 0f);
    xp = X_OFF;
    xRead = X_OFF;
    yp = 0;
    time = X_OFF;
  }

  /**
   * Resamples the next {@code inLength} input samples by {@code factor} (output rate / input rate,
   * 0.1 to 4), writing at most {@code outLength} output samples; returns how many were written (as
   * TarsosDSP's {@code process(factor, in, 0, inLength, false, out, 0, outLength)}).
   */
  int process(double factor, float[] in, int inLength, float[] out, int outLength) {
    if (factor < MIN_FACTOR || factor > MAX_FACTOR) {
      throw new IllegalArgumentException("factor " + factor + " is not between " + MIN_FACTOR + " and " + MAX_FACTOR);
    }
    int inUsed = 0;
    int outCount = drain(out, 0, outLength);
    if (yp != 0) {
      return outCount;
    }
    float lpScl = 1.0f;
    if (factor < 1) {
      lpScl = (float) (lpScl * factor); // the filter's gain when down-sampling
    }
    while (true) {
      int len = Math.min(X_SIZE - xRead, inLength - inUsed);
      System.arraycopy(in, inUsed, x, xRead, len);
      inUsed += len;
      xRead += len;
      int nx = xRead - 2 * X_OFF;
      if (nx <= 0) {
        break;
      }
      int nout = factor >= 1 ? up(factor, nx, lpScl) : down(factor, nx, lpScl);
      time -= nx;
      xp += nx;
      int creep = (int) time - X_OFF; // time accumulation, moved into the read pointer
      if (creep != 0) {
        time -= creep;
        xp += creep;
      }
      int reuse = xRead - (xp - X_OFF);
      System.arraycopy(x, xp - X_OFF, x, 0, reuse);
      xRead = reuse;
      xp = X_OFF;
      yp = nout;
      outCount += drain(out, outCount, outLength);
      if (yp != 0) {
        break;
      }
    }
    return outCount;
  }

  /** Moves pending output to {@code out[at..]}, as much as fits; returns how many. */
  private int drain(float[] out, int at, int outLength) {
    if (yp == 0 || outLength - at <= 0) {
      return 0;
    }
    int len = Math.min(outLength - at, yp);
    System.arraycopy(y, 0, out, at, len);
    System.arraycopy(y, len, y, 0, yp - len);
    yp -= len;
    return len;
  }

  /** Up-sampling (factor >= 1): the filter at its own rate (libresample's SrcUp). */
  private int up(double factor, int nx, float lpScl) {
    float[] x = this.x;
    double t = time;
    double dt = 1.0 / factor;
    double end = t + nx;
    int n = 0;
    while (t < end) {
      double leftPhase = t - Math.floor(t);
      double rightPhase = 1.0 - leftPhase;
      int il = (int) t;
      int ir = il + 1;
      // the left wing from x[il] backwards, the right wing from x[ir] on (FilterUp with inc -1 and
      // 1): each summed in its own order, the two interleaved so that neither waits for the other
      double pl = leftPhase * NPC;
      double pr = rightPhase * NPC;
      int hl = (int) pl;
      int hr = (int) pr;
      if (pr == 0) {
        hr += NPC; // at phase 0 the centre tap is the left wing's
      }
      // NWING is TAPS_UP whole zero crossings: the left wing (hl < NPC) always has TAPS_UP taps;
      // the right one, which leaves out its last filter value, one fewer when hr >= NPC - 1. Fixed
      // counts, so no loop exit to mispredict
      float vl = 0;
      float vr = 0;
      for (int k = 0; k < TAPS_UP - 1; k++, hl += NPC, hr += NPC, il--, ir++) {
        vl += IMP[hl] * x[il];
        vr += IMP[hr] * x[ir];
      }
      vl += IMP[hl] * x[il];
      if (hr < NWING - 1) {
        vr += IMP[hr] * x[ir];
      }
      float v = vl;
      v += vr;
      v *= lpScl;
      y[n++] = v;
      t += dt;
    }
    time = t;
    return n;
  }

  /**
   * Down-sampling (factor < 1): the filter stepped by dh = factor * NPC values per input sample
   * (libresample's SrcUD and FilterUD, the wings interleaved as in {@link #up}).
   */
  private int down(double factor, int nx, float lpScl) {
    float[] x = this.x;
    double t = time;
    double dt = 1.0 / factor;
    double dh = Math.min(NPC, factor * NPC);
    double end = t + nx;
    int n = 0;
    while (t < end) {
      double leftPhase = t - Math.floor(t);
      double rightPhase = 1.0 - leftPhase;
      int il = (int) t;
      int ir = il + 1;
      double hol = leftPhase * dh;
      double hor = rightPhase * dh;
      if (rightPhase == 0) {
        hor += dh;
      }
      int hl = (int) hol;
      int hr = (int) hor;
      float vl = 0;
      float vr = 0;
      while (hl < NWING && hr < NWING - 1) {
        float a = IMP[hl];
        a *= x[il--];
        vl += a;
        float b = IMP[hr];
        b *= x[ir++];
        vr += b;
        hol += dh;
        hor += dh;
        hl = (int) hol;
        hr = (int) hor;
      }
      while (hl < NWING) {
        float a = IMP[hl];
        a *= x[il--];
        vl += a;
        hol += dh;
        hl = (int) hol;
      }
      while (hr < NWING - 1) {
        float b = IMP[hr];
        b *= x[ir++];
        vr += b;
        hor += dh;
        hr = (int) hor;
      }
      float v = vl;
      v += vr;
      v *= lpScl;
      y[n++] = v;
      t += dt;
    }
    time = t;
    return n;
  }

  /** libresample's lrsLpFilter: a Kaiser-windowed sinc, cut-off 0.45 of the rate, beta 6. */
  private static float[] filter() {
    int n = NWING;
    double frq = 0.5 * 0.90;
    double beta = 6;
    double[] c = new double[n];
    c[0] = 2.0 * frq;
    for (int i = 1; i < n; i++) {
      double temp = Math.PI * i / NPC;
      c[i] = Math.sin(2.0 * temp * frq) / temp;
    }
    double iBeta = 1.0 / izero(beta);
    double inm1 = 1.0 / (n - 1);
    for (int i = 1; i < n; i++) {
      double temp = i * inm1;
      double temp1 = 1.0 - temp * temp;
      temp1 = temp1 < 0 ? 0 : temp1;
      c[i] *= izero(beta * Math.sqrt(temp1)) * iBeta;
    }
    float[] imp = new float[n];
    for (int i = 0; i < n; i++) {
      imp[i] = (float) c[i];
    }
    return imp;
  }

  /** The modified Bessel function I0 by its series, to libresample's precision. */
  private static double izero(double x) {
    double sum = 1;
    double u = 1;
    int n = 1;
    double halfx = x / 2.0;
    double temp;
    do {
      temp = halfx / n;
      n++;
      temp *= temp;
      u *= temp;
      sum += u;
    } while (u >= 1e-21 * sum);
    return sum;
  }
}
