package kiln.api.data;

import java.util.LinkedHashMap;
import java.util.Map;
import kiln.api.KilnException;

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

  /** The number of frames a clip of {@code sampleCount} samples gives: (samples - window) / step + 1, or 0. */
  public int frameCount(int sampleCount) {
    int window = windowSamples();
    return sampleCount < window || stepSamples() <= 0 ? 0 : (sampleCount - window) / stepSamples() + 1;
  }

  /** Samples in one clip of {@code sampleLengthMs}. */
  public int sampleLength() {
    return (int) ((long) sampleRateHz * sampleLengthMs / 1000);
  }

  /**
   * These settings as model parameters, keyed {@code fe.<snake_case_name>} in MLTK's order, with
   * the derived {@code fe.fft_length}. Values are Integer, Float or Boolean.
   */
  public Map<String, Object> toParameters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("fe.sample_rate_hz", sampleRateHz);
    m.put("fe.sample_length_ms", sampleLengthMs);
    m.put("fe.window_size_ms", windowSizeMs);
    m.put("fe.window_step_ms", windowStepMs);
    m.put("fe.filterbank_n_channels", filterbankNChannels);
    m.put("fe.filterbank_upper_band_limit", filterbankUpperBandLimit);
    m.put("fe.filterbank_lower_band_limit", filterbankLowerBandLimit);
    m.put("fe.noise_reduction_enable", noiseReductionEnable);
    m.put("fe.noise_reduction_smoothing_bits", noiseReductionSmoothingBits);
    m.put("fe.noise_reduction_even_smoothing", noiseReductionEvenSmoothing);
    m.put("fe.noise_reduction_odd_smoothing", noiseReductionOddSmoothing);
    m.put("fe.noise_reduction_min_signal_remaining", noiseReductionMinSignalRemaining);
    m.put("fe.pcan_enable", pcanEnable);
    m.put("fe.pcan_strength", pcanStrength);
    m.put("fe.pcan_offset", pcanOffset);
    m.put("fe.pcan_gain_bits", pcanGainBits);
    m.put("fe.log_scale_enable", logScaleEnable);
    m.put("fe.log_scale_shift", logScaleShift);
    m.put("fe.activity_detection_enable", activityDetectionEnable);
    m.put("fe.activity_detection_alpha_a", activityDetectionAlphaA);
    m.put("fe.activity_detection_alpha_b", activityDetectionAlphaB);
    m.put("fe.activity_detection_arm_threshold", activityDetectionArmThreshold);
    m.put("fe.activity_detection_trip_threshold", activityDetectionTripThreshold);
    m.put("fe.dc_notch_filter_enable", dcNotchFilterEnable);
    m.put("fe.dc_notch_filter_coefficient", dcNotchFilterCoefficient);
    m.put("fe.quantize_dynamic_scale_enable", quantizeDynamicScaleEnable);
    m.put("fe.quantize_dynamic_scale_range_db", quantizeDynamicScaleRangeDb);
    m.put("fe.fft_length", fftLength());
    return m;
  }

  /**
   * Settings from model parameters: every {@code fe.*} key present overrides MLTK's default; other
   * keys are ignored, and so is the derived {@code fe.fft_length}. Values may be numbers, booleans
   * or their text ("True", "0.95").
   *
   * @throws KilnException naming the parameter when a key is unknown or its value has the wrong type
   */
  public static FrontendSettings fromParameters(Map<String, ?> parameters) {
    FrontendSettings s = new FrontendSettings();
    for (Map.Entry<String, ?> e : parameters.entrySet()) {
      String key = e.getKey();
      if (key.startsWith("fe.")) {
        s.set(key, e.getValue());
      }
    }
    return s;
  }

  /**
   * Sets one parameter by its {@code fe.*} (or bare snake_case) name.
   *
   * @throws KilnException naming the parameter when it is unknown or its value has the wrong type
   */
  public void set(String name, Object value) {
    String key = name.startsWith("fe.") ? name.substring(3) : name;
    switch (key) {
      case "sample_rate_hz" -> sampleRateHz = integer(name, value);
      case "sample_length_ms" -> sampleLengthMs = integer(name, value);
      case "window_size_ms" -> windowSizeMs = integer(name, value);
      case "window_step_ms" -> windowStepMs = integer(name, value);
      case "filterbank_n_channels" -> filterbankNChannels = integer(name, value);
      case "filterbank_upper_band_limit" -> filterbankUpperBandLimit = number(name, value);
      case "filterbank_lower_band_limit" -> filterbankLowerBandLimit = number(name, value);
      case "noise_reduction_enable" -> noiseReductionEnable = bool(name, value);
      case "noise_reduction_smoothing_bits" -> noiseReductionSmoothingBits = integer(name, value);
      case "noise_reduction_even_smoothing" -> noiseReductionEvenSmoothing = number(name, value);
      case "noise_reduction_odd_smoothing" -> noiseReductionOddSmoothing = number(name, value);
      case "noise_reduction_min_signal_remaining" -> noiseReductionMinSignalRemaining = number(name, value);
      case "pcan_enable" -> pcanEnable = bool(name, value);
      case "pcan_strength" -> pcanStrength = number(name, value);
      case "pcan_offset" -> pcanOffset = number(name, value);
      case "pcan_gain_bits" -> pcanGainBits = integer(name, value);
      case "log_scale_enable" -> logScaleEnable = bool(name, value);
      case "log_scale_shift" -> logScaleShift = integer(name, value);
      case "activity_detection_enable" -> activityDetectionEnable = bool(name, value);
      case "activity_detection_alpha_a" -> activityDetectionAlphaA = number(name, value);
      case "activity_detection_alpha_b" -> activityDetectionAlphaB = number(name, value);
      case "activity_detection_arm_threshold" -> activityDetectionArmThreshold = number(name, value);
      case "activity_detection_trip_threshold" -> activityDetectionTripThreshold = number(name, value);
      case "dc_notch_filter_enable" -> dcNotchFilterEnable = bool(name, value);
      case "dc_notch_filter_coefficient" -> dcNotchFilterCoefficient = number(name, value);
      case "quantize_dynamic_scale_enable" -> quantizeDynamicScaleEnable = bool(name, value);
      case "quantize_dynamic_scale_range_db" -> quantizeDynamicScaleRangeDb = number(name, value);
      case "fft_length" -> { } // derived from the window size
      default -> throw new KilnException("frontend setting " + name + " is unknown (expected one of "
          + new FrontendSettings().toParameters().keySet() + ")");
    }
  }

  private static int integer(String name, Object v) {
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.intValue();
    }
    if (v instanceof String text) {
      try {
        double d = Double.parseDouble(text.trim());
        if (d == Math.rint(d)) {
          return (int) d;
        }
      } catch (NumberFormatException ignored) {
        // reported below
      }
    }
    throw new KilnException("frontend setting " + name + " must be an integer, got " + describe(v));
  }

  private static float number(String name, Object v) {
    if (v instanceof Number n) {
      return n.floatValue();
    }
    if (v instanceof String text) {
      try {
        return Float.parseFloat(text.trim());
      } catch (NumberFormatException ignored) {
        // reported below
      }
    }
    throw new KilnException("frontend setting " + name + " must be a number, got " + describe(v));
  }

  private static boolean bool(String name, Object v) {
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Number n && (n.doubleValue() == 0 || n.doubleValue() == 1)) {
      return n.doubleValue() == 1;
    }
    if (v instanceof String text) {
      String t = text.trim().toLowerCase(java.util.Locale.ROOT);
      if (t.equals("true") || t.equals("1")) {
        return true;
      }
      if (t.equals("false") || t.equals("0")) {
        return false;
      }
    }
    throw new KilnException("frontend setting " + name + " must be true or false, got " + describe(v));
  }

  private static String describe(Object v) {
    return v == null ? "nothing" : "'" + v + "' (" + v.getClass().getSimpleName() + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FrontendSettings f && f.toParameters().equals(toParameters());
  }

  @Override
  public int hashCode() {
    return toParameters().hashCode();
  }

  @Override
  public String toString() {
    return toParameters().toString();
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
