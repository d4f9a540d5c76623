package kiln.audio.frontend;

import java.util.Arrays;
import kiln.api.KilnException;
import kiln.api.data.FrontendSettings;

/**
 * The straightforward, operation-by-operation port of the microfrontend that {@link MicroFrontend}
 * was before its hot path was reorganised for speed: kept as the oracle that tests compare the fast
 * path with (on inputs beyond the four fixtures) and as the benchmark's baseline. It shares the
 * plan's tables and the DC notch filter with the fast path; its FFT, filterbank and square root are
 * the plain ones. Same results, same API; use {@link MicroFrontend}.
 */
public final class ReferenceMicroFrontend {
  private final FrontendPlan plan;
  private final int channels;
  // streaming state
  private final short[] input; // the window's input buffer
  private int inputUsed;
  private final long[] noiseEstimate;
  private final DcNotchFilter dcNotch;
  private int filterA;
  private int filterB;
  private boolean armed;
  private boolean tripped;
  // per-frame work arrays (reused, never reallocated)
  private final short[] fftInput;
  private final int[] re;
  private final int[] im;
  private final long[] signal;
  private short[] filtered = new short[0];

  /**
   * A frontend for these settings.
   *
   * @throws KilnException naming the setting when the settings cannot be run
   */
  public ReferenceMicroFrontend(FrontendSettings settings) {
    plan = FrontendPlan.of(settings);
    channels = plan.channels;
    input = new short[plan.windowSize];
    noiseEstimate = new long[channels];
    fftInput = new short[plan.fft.nfft];
    re = new int[plan.fft.ncfft + 1];
    im = new int[plan.fft.ncfft + 1];
    signal = new long[channels];
    dcNotch = new DcNotchFilter(plan.dcNotchCoefficient);
  }

  /** The settings this frontend runs. */
  public FrontendSettings settings() {
    return plan.settings;
  }

  /** Whether this frontend runs exactly these settings. */
  public boolean settingsEqual(FrontendSettings other) {
    return plan.settings.equals(other);
  }

  /** Values per frame. */
  public int channels() {
    return channels;
  }

  /** Frames a fresh frontend makes from {@code sampleCount} samples: (samples - window) / step + 1, or 0. */
  public int frameCount(int sampleCount) {
    return sampleCount < plan.windowSize ? 0 : (sampleCount - plan.windowSize) / plan.windowStep + 1;
  }

  /** Back to the state of a new frontend (FrontendReset). */
  public void reset() {
    Arrays.fill(input, (short) 0);
    inputUsed = 0;
    Arrays.fill(noiseEstimate, 0);
    dcNotch.reset();
    filterA = 0;
    filterB = 0;
    armed = false;
    tripped = false;
  }

  /** Whether activity detection tripped since the last call (ActivityDetectionTripped); clears it. */
  public boolean activityDetected() {
    boolean t = tripped;
    tripped = false;
    return t;
  }

  /** The whole clip through a fresh frontend: frames x channels uint16 values, row-major. */
  public int[] extract(short[] pcm) {
    int[] out = new int[frameCount(pcm.length) * channels];
    extract(pcm, 0, pcm.length, out, 0);
    return out;
  }

  /**
   * A clip through a fresh frontend into {@code out}; the allocation-free form for data generators.
   *
   * @return the number of frames written
   */
  public int extract(short[] pcm, int offset, int length, int[] out, int outOffset) {
    reset();
    int frames = frameCount(length);
    if (out.length - outOffset < frames * channels) {
      throw new IllegalArgumentException("output holds " + (out.length - outOffset) + " values, "
          + frames * channels + " needed");
    }
    short[] src = pcm;
    int base = offset;
    if (plan.dcNotch) {
      if (filtered.length < length) {
        filtered = new short[length];
      }
      dcNotch.apply(pcm, offset, filtered, 0, length);
      src = filtered;
      base = 0;
    }
    for (int f = 0; f < frames; f++) {
      frame(src, base + f * plan.windowStep, out, outOffset + f * channels);
    }
    // leave the streaming state where process() would: the samples after the last step in the buffer
    int tail = length - frames * plan.windowStep;
    System.arraycopy(src, base + frames * plan.windowStep, input, 0, tail);
    inputUsed = tail;
    return frames;
  }

  /**
   * Streams samples through the frontend, keeping the state between calls.
   *
   * @return the number of frames written to {@code out} (as many as completed)
   */
  public int process(short[] pcm, int offset, int length, int[] out, int outOffset) {
    int frames = 0;
    int pos = offset;
    int end = offset + length;
    while (pos < end) {
      int n = Math.min(plan.windowSize - inputUsed, end - pos);
      if (plan.dcNotch) {
        dcNotch.apply(pcm, pos, input, inputUsed, n);
      } else {
        System.arraycopy(pcm, pos, input, inputUsed, n);
      }
      pos += n;
      inputUsed += n;
      if (inputUsed < plan.windowSize) {
        break;
      }
      if (out.length - outOffset < (frames + 1) * channels) {
        throw new IllegalArgumentException("output holds " + (out.length - outOffset) + " values; frame "
            + (frames + 1) + " needs " + (frames + 1) * channels);
      }
      frame(input, 0, out, outOffset + frames * channels);
      frames++;
      System.arraycopy(input, plan.windowStep, input, 0, plan.windowSize - plan.windowStep);
      inputUsed -= plan.windowStep;
    }
    return frames;
  }

  /** One frame from window samples at src[offset..offset+windowSize). */
  private void frame(short[] src, int offset, int[] out, int outOffset) {
    final FrontendPlan p = plan;
    final short[] coefficients = p.window;
    final short[] x = fftInput;
    final int size = p.windowSize;
    // window (values kept in fftInput until the shift is known)
    int maxAbs = 0;
    for (int i = 0; i < size; i++) {
      int v = (short) ((src[offset + i] * coefficients[i]) >> FrontendPlan.WINDOW_BITS);
      x[i] = (short) v;
      int a = Math.abs(v);
      a = a == 32768 ? 0 : a; // int16 negation leaves -32768 negative in C, so it never becomes the maximum
      maxAbs = Math.max(maxAbs, a);
    }
    int shift = 15 - Bits.msb32(maxAbs);
    for (int i = 0; i < size; i++) {
      x[i] = (short) (x[i] << shift);
    }
    Arrays.fill(x, size, x.length, (short) 0);
    p.fft.transform(x, re, im);
    filterbank(shift);
    if (p.activityDetection) {
      activityDetection();
    }
    if (p.noiseReduction) {
      noiseReduction();
    }
    if (p.pcan != null) {
      pcan();
    }
    logScale(out, outOffset);
  }

  /** Energy, weighted accumulation per channel and integer square root (filterbank.c). */
  private void filterbank(int scaleDownShift) {
    final MelFilterbank fb = plan.filterbank;
    final long[] w = fb.weights;
    final long[] uw = fb.unweights;
    final int start = fb.startIndex;
    long carry = 0; // unweighted sum of the previous band
    for (int chan = 0; chan <= channels; chan++) {
      long weighted = carry;
      long unweighted = 0;
      int from = fb.bandStart[chan];
      int to = from + fb.bandWidth[chan];
      for (int bin = from; bin < to; bin++) {
        int r = re[bin];
        int i = im[bin];
        long energy = r * r + i * i; // int32 in C; an overflowing sum sign-extends the same way there
        weighted += w[bin - start] * energy;
        unweighted += uw[bin - start] * energy;
      }
      if (chan > 0) {
        signal[chan - 1] = Bits.sqrtRounded(weighted) >>> scaleDownShift;
      }
      carry = unweighted;
    }
  }

  /** ActivityDetection (MLTK): fast and slow one-pole filters of the total power, arm then trip. */
  private void activityDetection() {
    long sum = 0;
    for (int c = 0; c < channels; c++) {
      sum += signal[c];
    }
    int x = (int) ((sum & Bits.U32) >>> plan.activityScale);
    filterA = onePole(x, filterA, plan.alphaA);
    filterB = onePole(x, filterB, plan.alphaB);
    if (!armed) {
      int thresholdA = (int) (((long) filterB * plan.armThreshold) >> 12);
      if (filterA < thresholdA) {
        armed = true;
      }
    } else {
      int thresholdB = (int) (((long) filterB * plan.tripThreshold) >> 12);
      if (filterA > thresholdB) {
        armed = false;
        tripped = true;
      }
    }
  }

  private static int onePole(int in, int state, int k) {
    int oneMinusK = (short) ((1 << 8) - k);
    long p1 = oneMinusK * in; // int32 products, as in C
    long p2 = k * state;
    return (int) ((((p1 + p2) >> 7) + 1) >> 1);
  }

  /** NoiseReductionApply. */
  private void noiseReduction() {
    final int bits = plan.smoothingBits;
    final long[] est = noiseEstimate;
    for (int i = 0; i < channels; i++) {
      long smoothing = (i & 1) == 0 ? plan.evenSmoothing : plan.oddSmoothing;
      long oneMinus = (1 << FrontendPlan.NOISE_REDUCTION_BITS) - smoothing;
      long s = signal[i];
      long scaledUp = (s << bits) & Bits.U32;
      long estimate = ((scaledUp * smoothing + est[i] * oneMinus) >>> FrontendPlan.NOISE_REDUCTION_BITS) & Bits.U32;
      est[i] = estimate;
      if (estimate > scaledUp) {
        estimate = scaledUp;
      }
      long floor = (s * plan.minSignalRemaining) >>> FrontendPlan.NOISE_REDUCTION_BITS;
      long subtracted = (scaledUp - estimate) >>> bits;
      signal[i] = subtracted > floor ? subtracted : floor;
    }
  }

  /** PcanGainControlApply. */
  private void pcan() {
    final PcanGainTable table = plan.pcan;
    for (int i = 0; i < channels; i++) {
      long gain = table.gain(noiseEstimate[i]) & Bits.U32;
      long snr = ((signal[i] * gain) >>> table.snrShift) & Bits.U32;
      signal[i] = PcanGainTable.shrink(snr);
    }
  }

  /** LogScaleApply, clamped to uint16. */
  private void logScale(int[] out, int outOffset) {
    final int correction = plan.correctionBits;
    final boolean log = plan.logScale;
    final int shift = plan.logScaleShift;
    for (int i = 0; i < channels; i++) {
      long value = signal[i];
      if (log) {
        value = correction < 0 ? value >>> -correction : (value << correction) & Bits.U32;
        value = value > 1 ? LogScale.log(value, shift) : 0;
      }
      out[outOffset + i] = (int) Math.min(value, 0xFFFF);
    }
  }
}
