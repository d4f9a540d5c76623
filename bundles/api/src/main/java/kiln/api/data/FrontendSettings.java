package kiln.api.data;

/**
 * Settings of the audio feature generator (the microfrontend), with MLTK's defaults. They are stored
 * in a model's parameters under {@code fe.<snake_case_name>}.
 */
public final class FrontendSettings {
  public int sampleRateHz = 16000;
  public int sampleLengthMs = 1000;
  public int windowSizeMs = 25;
  public int windowStepMs = 10;
  public int filterbankNChannels = 32;
  public float filterbankUpperBandLimit = 7500.0f;
  public float filterbankLowerBandLimit = 125.0f;
  public boolean noiseReductionEnable = false;
  public int noiseReductionSmoothingBits = 10;
  public float noiseReductionEvenSmoothing = 0.025f;
  public float noiseReductionOddSmoothing = 0.06f;
  public float noiseReductionMinSignalRemaining = 0.05f;
  public boolean pcanEnable = false;
  public float pcanStrength = 0.95f;
  public float pcanOffset = 80.0f;
  public int pcanGainBits = 21;
  public boolean logScaleEnable = true;
  public int logScaleShift = 6;
  public boolean activityDetectionEnable = false;
  public float activityDetectionAlphaA = 0.5f;
  public float activityDetectionAlphaB = 0.8f;
  public float activityDetectionArmThreshold = 0.75f;
  public float activityDetectionTripThreshold = 0.8f;
  public boolean dcNotchFilterEnable = false;
  public float dcNotchFilterCoefficient = 0.95f;
  public boolean quantizeDynamicScaleEnable = false;
  public float quantizeDynamicScaleRangeDb = 40.0f;

  /** Samples in one window. */
  public int windowSamples() {
    return sampleRateHz * windowSizeMs / 1000;
  }

  /** Samples between two windows. */
  public int stepSamples() {
    return sampleRateHz * windowStepMs / 1000;
  }

  /** The FFT length: the smallest power of two holding one window. */
  public int fftLength() {
    int n = 1;
    while (n < windowSamples()) {
      n <<= 1;
    }
    return n;
  }

  /** A copy of these settings. */
  public FrontendSettings copy() {
    FrontendSettings c = new FrontendSettings();
    c.sampleRateHz = sampleRateHz;
    c.sampleLengthMs = sampleLengthMs;
    c.windowSizeMs = windowSizeMs;
    c.windowStepMs = windowStepMs;
    c.filterbankNChannels = filterbankNChannels;
    c.filterbankUpperBandLimit = filterbankUpperBandLimit;
    c.filterbankLowerBandLimit = filterbankLowerBandLimit;
    c.noiseReductionEnable = noiseReductionEnable;
    c.noiseReductionSmoothingBits = noiseReductionSmoothingBits;
    c.noiseReductionEvenSmoothing = noiseReductionEvenSmoothing;
    c.noiseReductionOddSmoothing = noiseReductionOddSmoothing;
    c.noiseReductionMinSignalRemaining = noiseReductionMinSignalRemaining;
    c.pcanEnable = pcanEnable;
    c.pcanStrength = pcanStrength;
    c.pcanOffset = pcanOffset;
    c.pcanGainBits = pcanGainBits;
    c.logScaleEnable = logScaleEnable;
    c.logScaleShift = logScaleShift;
    c.activityDetectionEnable = activityDetectionEnable;
    c.activityDetectionAlphaA = activityDetectionAlphaA;
    c.activityDetectionAlphaB = activityDetectionAlphaB;
    c.activityDetectionArmThreshold = activityDetectionArmThreshold;
    c.activityDetectionTripThreshold = activityDetectionTripThreshold;
    c.dcNotchFilterEnable = dcNotchFilterEnable;
    c.dcNotchFilterCoefficient = dcNotchFilterCoefficient;
    c.quantizeDynamicScaleEnable = quantizeDynamicScaleEnable;
    c.quantizeDynamicScaleRangeDb = quantizeDynamicScaleRangeDb;
    return c;
  }
}
