package kiln.audio.frontend;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import kiln.api.KilnException;
import kiln.api.data.FrontendSettings;

/**
 * Everything the frontend precomputes from its settings (the *_util.c "populate" functions): window
 * coefficients, FFT plan, filterbank weights, noise-reduction and PCAN constants. Immutable and
 * shared by every {@link MicroFrontend} with equal settings.
 */
final class FrontendPlan {
  static final int WINDOW_BITS = 12;
  static final int NOISE_REDUCTION_BITS = 14;
  private static final Map<FrontendSettings, FrontendPlan> CACHE = new ConcurrentHashMap<>();

  final FrontendSettings settings;
  final int windowSize;
  final int windowStep;
  final short[] window;
  final int[] windowEven; // coefficients of the even samples
  final int[] windowOdd;
  final KissFftR16 fft;
  final KissFft512Planar planarFft; // the same transform for length 512, faster; null for other lengths
  final MelFilterbank filterbank;
  final int channels;
  final boolean noiseReduction;
  final int smoothingBits;
  final int evenSmoothing;
  final int oddSmoothing;
  final int minSignalRemaining;
  final PcanGainTable pcan; // null when PCAN is off
  final boolean logScale;
  final int logScaleShift;
  final int correctionBits;
  final boolean activityDetection;
  final int activityScale;
  final int alphaA;
  final int alphaB;
  final int armThreshold;
  final int tripThreshold;
  final boolean dcNotch;
  final int dcNotchCoefficient;

  /** The plan for these settings, built once and cached. */
  static FrontendPlan of(FrontendSettings settings) {
    FrontendPlan plan = CACHE.get(settings);
    if (plan == null) {
      plan = new FrontendPlan(settings);
      if (CACHE.size() < 64) {
        CACHE.putIfAbsent(settings, plan);
      }
    }
    return plan;
  }

  private FrontendPlan(FrontendSettings s) {
    FrontendSettingsCheck.validate(s);
    this.settings = s;
    windowSize = s.windowSamples();
    windowStep = s.stepSamples();
    window = new short[windowSize];
    float arg = (float) Math.PI * 2.0f / (float) windowSize;
    for (int i = 0; i < windowSize; i++) {
      float value = 0.5f - (0.5f * (float) Math.cos(arg * (i + 0.5f)));
      window[i] = (short) Math.floor(value * (1 << WINDOW_BITS) + 0.5f);
    }
    windowEven = new int[(windowSize + 1) / 2];
    windowOdd = new int[windowSize / 2];
    for (int i = 0; i < windowSize; i++) {
      if ((i & 1) == 0) {
        windowEven[i / 2] = window[i];
      } else {
        windowOdd[i / 2] = window[i];
      }
    }
    fft = new KissFftR16(s.fftLength());
    planarFft = fft.nfft == KissFft512Planar.NFFT ? new KissFft512Planar(fft) : null;
    try {
      filterbank = new MelFilterbank(s.filterbankNChannels(), s.filterbankLowerBandLimit(), s.filterbankUpperBandLimit(),
          s.sampleRateHz(), fft.nfft / 2 + 1);
    } catch (IllegalArgumentException e) {
      throw new KilnException("frontend settings fe.filterbank_upper_band_limit=" + s.filterbankUpperBandLimit()
          + " and fe.filterbank_n_channels=" + s.filterbankNChannels() + " do not fit an FFT of " + fft.nfft
          + " at " + s.sampleRateHz() + " Hz: " + e.getMessage());
    }
    channels = s.filterbankNChannels();
    noiseReduction = s.noiseReductionEnable();
    smoothingBits = noiseReduction ? s.noiseReductionSmoothingBits() : 0;
    evenSmoothing = (int) (s.noiseReductionEvenSmoothing() * (1 << NOISE_REDUCTION_BITS)) & 0xFFFF;
    oddSmoothing = (int) (s.noiseReductionOddSmoothing() * (1 << NOISE_REDUCTION_BITS)) & 0xFFFF;
    minSignalRemaining = (int) (s.noiseReductionMinSignalRemaining() * (1 << NOISE_REDUCTION_BITS)) & 0xFFFF;
    correctionBits = Bits.msb32(fft.nfft) - 1 - (MelFilterbank.FILTERBANK_BITS / 2);
    pcan = s.pcanEnable()
        ? new PcanGainTable(s.pcanStrength(), s.pcanOffset(), s.pcanGainBits(), smoothingBits, correctionBits)
        : null;
    logScale = s.logScaleEnable();
    logScaleShift = s.logScaleShift();
    activityDetection = s.activityDetectionEnable();
    activityScale = 32 - Integer.numberOfLeadingZeros(channels - 1); // ceil(log2(channels)), exactly
    alphaA = (short) (s.activityDetectionAlphaA() * (1 << 8));
    alphaB = (short) (s.activityDetectionAlphaB() * (1 << 8));
    armThreshold = (short) (s.activityDetectionArmThreshold() * (1 << 12));
    tripThreshold = (short) (s.activityDetectionTripThreshold() * (1 << 12));
    dcNotch = s.dcNotchFilterEnable();
    dcNotchCoefficient = (short) (s.dcNotchFilterCoefficient() * (1 << 15));
  }
}
