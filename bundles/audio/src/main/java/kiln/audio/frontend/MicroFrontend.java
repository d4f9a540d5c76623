package kiln.audio.frontend;

import java.util.Arrays;
import kiln.api.KilnException;
import kiln.api.data.FrontendSettings;

/**
 * The TensorFlow Lite Micro microfrontend in Java, bit for bit: window (Hann, Q12), kissfft int16
 * real FFT, mel filterbank with integer square root, noise reduction, PCAN gain control and
 * fixed-point log, plus MLTK's DC notch filter and activity detection. Output values are uint16
 * (held in ints), one row of {@code channels()} per frame.
 *
 * <p>Not thread-safe: one instance per thread. Instances are cheap; the tables behind them are
 * shared. {@link #extract} starts from a fresh state; {@link #process} streams, keeping state
 * between calls, like {@code FrontendProcessSamples}.
 */
public final class MicroFrontend {
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
  private final int[] windowed;
  private final KissFft512Planar.Buffers planarBuffers; // null when the FFT is not 512 long
  private final short[] fftInput; // the general FFT's
  private final int[] re;
  private final int[] im;
  private final int[] energy;
  private final long[] signal;
  private short[] filtered = new short[0];

  /**
   * A frontend for these settings.
   *
   * @throws KilnException naming the setting when the settings cannot be run
   */
  public MicroFrontend(FrontendSettings settings) {
    plan = FrontendPlan.of(settings);
    channels = plan.channels;
    input = new short[plan.windowSize];
    noiseEstimate = new long[channels];
    windowed = new int[plan.windowSize];
    planarBuffers = plan.planarFft != null ? new KissFft512Planar.Buffers() : null;
    fftInput = plan.planarFft != null ? null : new short[plan.fft.nfft];
    re = plan.planarFft != null ? null : new int[plan.fft.ncfft + 1];
    im = plan.planarFft != null ? null : new int[plan.fft.ncfft + 1];
    energy = new int[plan.fft.ncfft + 1];
    signal = new long[channels];
    dcNotch = new DcNotchFilter(plan.dcNotchCoefficient);
  }

  /** The settings this frontend runs (a copy). */
  public FrontendSettings settings() {
    return plan.settings.copy();
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
    final int[] v = windowed;
    final int size = p.windowSize;
    int bits = 0;
    for (int i = 0; i < size; i++) {
      int x = (short) ((src[offset + i] * coefficients[i]) >> FrontendPlan.WINDOW_BITS);
      v[i] = x;
      // C negates in int16, which leaves -32768 negative, so it never becomes the maximum (& 0x7FFF
      // turns its 32768 into 0); the highest bit of the OR of all values is that of their maximum
      bits |= Math.abs(x) & 0x7FFF;
    }
    int shift = 15 - Bits.msb32(bits);
    if (p.planarFft != null) {
      planarFft(shift);
    } else {
      generalFft(shift);
    }
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

  /** The 512-point FFT: samples split into even and odd halves, then the planar transform. */
  private void planarFft(int shift) {
    final KissFft512Planar.Buffers b = planarBuffers;
    final int[] v = windowed;
    final int[] even = b.re;
    final int[] odd = b.im;
    final int size = v.length;
    int n = 0;
    for (int i = 0; i + 1 < size; i += 2, n++) {
      even[n] = v[i];
      odd[n] = v[i + 1];
    }
    if ((size & 1) != 0) {
      even[n] = v[size - 1];
      odd[n] = 0;
      n++;
    }
    for (; n < KissFft512Planar.N; n++) {
      even[n] = 0;
      odd[n] = 0;
    }
    plan.planarFft.transform(b, shift);
    KissFft512Planar.energy(b, energy);
  }

  /** Any other FFT length: kissfft operation by operation. */
  private void generalFft(int shift) {
    final short[] x = fftInput;
    final int[] v = windowed;
    for (int i = 0; i < v.length; i++) {
      x[i] = (short) (v[i] << shift);
    }
    Arrays.fill(x, v.length, x.length, (short) 0);
    plan.fft.transform(x, re, im);
    for (int bin = 0; bin < energy.length; bin++) {
      energy[bin] = re[bin] * re[bin] + im[bin] * im[bin]; // int32, as in C
    }
  }

  /** Weighted accumulation of the energies per channel and integer square root (filterbank.c). */
  private void filterbank(int scaleDownShift) {
    final MelFilterbank fb = plan.filterbank;
    final long[] w = fb.weights;
    final long[] uw = fb.unweights;
    final int[] e = energy;
    final int start = fb.startIndex;
    final int[] bandStart = fb.bandStart;
    final int[] bandWidth = fb.bandWidth;
    long carry = 0; // unweighted sum of the previous band
    for (int chan = 0; chan <= channels; chan++) {
      long weighted = carry;
      long unweighted = 0;
      int from = bandStart[chan];
      int to = from + bandWidth[chan];
      for (int bin = from; bin < to; bin++) {
        long energy = e[bin]; // sign-extended like C's (uint64_t) of an int32
        weighted += w[bin - start] * energy;
        unweighted += uw[bin - start] * energy;
      }
      if (chan > 0) {
        signal[chan - 1] = Bits.sqrtRoundedFast(weighted) >>> scaleDownShift;
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
