package kiln.audio.frontend;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
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
  // work arrays (reused; the clip-sized ones grow when a longer clip comes)
  private final KissFft512Planar.Buffers planarBuffers; // null when the FFT is not 512 long
  private final int[] windowedEven; // the window's even samples, windowed (the FFT input's real parts)
  private final int[] windowedOdd;
  private final int[] magnitudes; // |windowed| of both halves, per index
  private final short[] fftInput; // the general FFT's
  private final int[] re;
  private final int[] im;
  private final int[] energy;
  private final long[] signal;
  private final long[] prefixWeighted; // running sums over the filterbank's bins
  private final long[] prefixEnergy;
  private short[] filtered = new short[0];
  private int[] clipEven = new int[0]; // a clip's samples split into even and odd positions
  private int[] clipOdd = new int[0];
  private int[] packed = new int[0]; // sample pairs as ints, for split
  private ShortBuffer packedShorts;
  private IntBuffer packedInts;

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
    planarBuffers = plan.planarFft != null ? new KissFft512Planar.Buffers() : null;
    windowedEven = planarBuffers != null ? planarBuffers.re : new int[plan.fft.ncfft];
    windowedOdd = planarBuffers != null ? planarBuffers.im : new int[plan.fft.ncfft];
    magnitudes = new int[plan.fft.ncfft];
    fftInput = plan.planarFft != null ? null : new short[plan.fft.nfft];
    re = plan.planarFft != null ? null : new int[plan.fft.ncfft + 1];
    im = plan.planarFft != null ? null : new int[plan.fft.ncfft + 1];
    energy = new int[plan.fft.ncfft + 1];
    signal = new long[channels];
    prefixWeighted = new long[plan.filterbank.weights.length + 1];
    prefixEnergy = new long[plan.filterbank.weights.length + 1];
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
    int half = (length + 1) / 2;
    if (clipEven.length < half) {
      clipEven = new int[half];
      clipOdd = new int[half];
    }
    split(src, base, length, clipEven, clipOdd);
    for (int f = 0; f < frames; f++) {
      frame(clipEven, clipOdd, f * plan.windowStep, out, outOffset + f * channels);
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
      if (clipEven.length < (plan.windowSize + 1) / 2) {
        clipEven = new int[(plan.windowSize + 1) / 2];
        clipOdd = new int[(plan.windowSize + 1) / 2];
      }
      split(input, 0, plan.windowSize, clipEven, clipOdd);
      frame(clipEven, clipOdd, 0, out, outOffset + frames * channels);
      frames++;
      System.arraycopy(input, plan.windowStep, input, 0, plan.windowSize - plan.windowStep);
      inputUsed -= plan.windowStep;
    }
    return frames;
  }

  /**
   * Samples src[base + 2j] into even[j], src[base + 2j + 1] into odd[j]. The pairs go through a
   * little-endian byte buffer as one int each (two bulk copies), so the split itself is a loop C2
   * vectorizes: 4x faster than copying sample by sample.
   */
  private void split(short[] src, int base, int length, int[] even, int[] odd) {
    int pairs = length / 2;
    if (packedShorts == null || packed.length < pairs) {
      ByteBuffer bytes = ByteBuffer.allocate(4 * pairs).order(ByteOrder.LITTLE_ENDIAN);
      packedShorts = bytes.asShortBuffer();
      packedInts = bytes.asIntBuffer();
      packed = new int[pairs];
    }
    packedShorts.put(0, src, base, 2 * pairs);
    packedInts.get(0, packed, 0, pairs);
    final int[] p = packed;
    for (int j = 0; j < pairs; j++) {
      int w = p[j]; // little-endian: the even sample in the low half
      even[j] = (short) w;
      odd[j] = w >> 16;
    }
    if ((length & 1) != 0) {
      even[pairs] = src[base + length - 1];
    }
  }

  /** One frame from the window starting at sample {@code offset} of the split samples. */
  private void frame(int[] even, int[] odd, int offset, int[] out, int outOffset) {
    final FrontendPlan p = plan;
    final int half = offset >> 1;
    // the window's even samples are the clip's even ones when it starts on an even sample
    int bits = (offset & 1) == 0
        ? window(even, half, odd, half)
        : window(odd, half, even, half + 1);
    int shift = 15 - Bits.msb32(bits); // the highest bit of the OR of all |values| is that of their maximum
    if (p.planarFft != null) {
      p.planarFft.transform(planarBuffers, shift);
      KissFft512Planar.energy(planarBuffers, energy);
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

  /**
   * Applies the window into windowedEven/Odd (zero-padded to the FFT's half length) and returns the
   * OR of their absolute values.
   */
  private int window(int[] evenSrc, int evenAt, int[] oddSrc, int oddAt) {
    applyWindow(evenSrc, evenAt, oddSrc, oddAt);
    return orOfMagnitudes();
  }

  /**
   * The samples are copied to the FFT buffers first so that the loops index every array from 0: C2
   * (Java 17) leaves a loop scalar when arrays in it are offset by different loop-invariant amounts.
   */
  private void applyWindow(int[] evenSrc, int evenAt, int[] oddSrc, int oddAt) {
    final FrontendPlan p = plan;
    final int[] we = windowedEven;
    final int[] wo = windowedOdd;
    final int[] ce = p.windowEven;
    final int[] co = p.windowOdd;
    System.arraycopy(evenSrc, evenAt, we, 0, ce.length);
    System.arraycopy(oddSrc, oddAt, wo, 0, co.length);
    for (int n = 0; n < ce.length; n++) {
      we[n] = (short) ((we[n] * ce[n]) >> FrontendPlan.WINDOW_BITS);
    }
    for (int n = 0; n < co.length; n++) {
      wo[n] = (short) ((wo[n] * co[n]) >> FrontendPlan.WINDOW_BITS);
    }
    Arrays.fill(we, ce.length, we.length, 0);
    Arrays.fill(wo, co.length, wo.length, 0);
  }

  /**
   * The OR of |x| & 0x7FFF over the windowed samples. C negates in int16, which leaves -32768
   * negative so that it never becomes the maximum; the mask turns its 32768 into 0. The highest bit
   * of the OR is that of the maximum.
   */
  private int orOfMagnitudes() {
    final int[] we = windowedEven;
    final int[] wo = windowedOdd;
    final int[] m = magnitudes;
    for (int n = 0; n < m.length; n++) {
      m[n] = Math.abs(we[n]) | Math.abs(wo[n]);
    }
    int bits = 0;
    for (int n = 0; n < m.length; n++) {
      bits |= m[n];
    }
    return bits & 0x7FFF; // only -32768 sets bit 15; every other magnitude is below 2^15
  }

  /** Any other FFT length: kissfft operation by operation. */
  private void generalFft(int shift) {
    final short[] x = fftInput;
    final int[] we = windowedEven;
    final int[] wo = windowedOdd;
    for (int n = 0; n < we.length; n++) {
      x[2 * n] = (short) (we[n] << shift);
      x[2 * n + 1] = (short) (wo[n] << shift);
    }
    plan.fft.transform(x, re, im);
    for (int bin = 0; bin < energy.length; bin++) {
      energy[bin] = re[bin] * re[bin] + im[bin] * im[bin]; // int32, as in C
    }
  }

  /** Weighted accumulation of the energies per channel and integer square root (filterbank.c). */
  private void filterbank(int scaleDownShift) {
    if (plan.filterbank.complementaryWeights) {
      filterbankByPrefixSums(scaleDownShift);
      return;
    }
    final MelFilterbank fb = plan.filterbank;
    final long[] w = fb.weights;
    final long[] uw = fb.unweights;
    final int[] e = energy;
    final int start = fb.startIndex;
    long carry = 0; // unweighted sum of the previous band
    for (int chan = 0; chan <= channels; chan++) {
      long weighted = carry;
      long unweighted = 0;
      int from = fb.bandStart[chan];
      int to = from + fb.bandWidth[chan];
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

  /**
   * The filterbank when every unweight is 4096 - weight (the usual case): a band's unweighted sum is
   * 4096 * (sum of energies) - (weighted sum), and both sums of any band are differences of running
   * sums over all bins. Every step is exact modulo 2^64, like C's uint64 accumulators, and the bins
   * run in one flat loop rather than one short loop per band.
   */
  private void filterbankByPrefixSums(int scaleDownShift) {
    final MelFilterbank fb = plan.filterbank;
    final long[] w = fb.weights;
    final int[] e = energy;
    final int start = fb.startIndex;
    final long[] pw = prefixWeighted;
    final long[] ps = prefixEnergy;
    long sumW = 0;
    long sumE = 0;
    for (int i = 0; i < w.length; i++) {
      long energy = e[start + i]; // sign-extended like C's (uint64_t) of an int32
      sumE += energy;
      sumW += w[i] * energy;
      pw[i + 1] = sumW;
      ps[i + 1] = sumE;
    }
    final int[] bandStart = fb.bandStart;
    final int[] bandWidth = fb.bandWidth;
    long carry = 0; // unweighted sum of the previous band
    for (int chan = 0; chan <= channels; chan++) {
      int from = bandStart[chan] - start;
      int to = from + bandWidth[chan];
      long products = pw[to] - pw[from];
      if (chan > 0) {
        signal[chan - 1] = Bits.sqrtRoundedFast(carry + products) >>> scaleDownShift;
      }
      carry = ((ps[to] - ps[from]) << MelFilterbank.FILTERBANK_BITS) - products;
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
