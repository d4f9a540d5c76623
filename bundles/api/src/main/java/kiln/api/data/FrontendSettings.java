package kiln.api.data;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import kiln.api.KilnException;

/**
 * Settings of the audio feature generator (the microfrontend), an immutable value. They are stored
 * in a model's parameters under {@code fe.<snake_case_name>}. {@link #defaults()} has MLTK's
 * defaults; {@link #builder()} and {@link #toBuilder()} make changed copies:
 * {@code FrontendSettings.builder().windowSizeMs(30).filterbankNChannels(40).build()}.
 */
public record FrontendSettings(
    int sampleRateHz,
    int sampleLengthMs,
    int windowSizeMs,
    int windowStepMs,
    int filterbankNChannels,
    float filterbankUpperBandLimit,
    float filterbankLowerBandLimit,
    boolean noiseReductionEnable,
    int noiseReductionSmoothingBits,
    float noiseReductionEvenSmoothing,
    float noiseReductionOddSmoothing,
    float noiseReductionMinSignalRemaining,
    boolean pcanEnable,
    float pcanStrength,
    float pcanOffset,
    int pcanGainBits,
    boolean logScaleEnable,
    int logScaleShift,
    boolean activityDetectionEnable,
    float activityDetectionAlphaA,
    float activityDetectionAlphaB,
    float activityDetectionArmThreshold,
    float activityDetectionTripThreshold,
    boolean dcNotchFilterEnable,
    float dcNotchFilterCoefficient,
    boolean quantizeDynamicScaleEnable,
    float quantizeDynamicScaleRangeDb) {

  private static final FrontendSettings DEFAULTS = new Builder().build();

  /** MLTK's defaults (AudioFeatureGeneratorSettings). */
  public static FrontendSettings defaults() {
    return DEFAULTS;
  }

  /** A builder starting from MLTK's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    return new Builder(this);
  }

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
    Builder b = builder();
    for (Map.Entry<String, ?> e : parameters.entrySet()) {
      if (e.getKey().startsWith("fe.")) {
        b.set(e.getKey(), e.getValue());
      }
    }
    return b.build();
  }

  /** The settings as their model parameters' text ({@link #toParameters()}). */
  @Override
  public String toString() {
    return toParameters().toString();
  }

  /**
   * The names older MLTK releases wrote into {@code SL_PARAMSv1} (MLTK's published
   * tflite_micro_speech.tflite carries them), and today's name of each.
   */
  private static final Map<String, String> OLDER_NAMES = Map.ofEntries(
      Map.entry("n_channels", "filterbank_n_channels"),
      Map.entry("upper_band_limit", "filterbank_upper_band_limit"),
      Map.entry("lower_band_limit", "filterbank_lower_band_limit"),
      Map.entry("enable_noise_reduction", "noise_reduction_enable"),
      Map.entry("smoothing_bits", "noise_reduction_smoothing_bits"),
      Map.entry("even_smoothing", "noise_reduction_even_smoothing"),
      Map.entry("odd_smoothing", "noise_reduction_odd_smoothing"),
      Map.entry("min_signal_remaining", "noise_reduction_min_signal_remaining"),
      Map.entry("enable_pcan", "pcan_enable"),
      Map.entry("gain_bits", "pcan_gain_bits"),
      Map.entry("enable_log", "log_scale_enable"),
      Map.entry("scale_shift", "log_scale_shift"));

  /** Collects settings; each setter returns the builder. */
  public static final class Builder {
    private int sampleRateHz = 16000;
    private int sampleLengthMs = 1000;
    private int windowSizeMs = 25;
    private int windowStepMs = 10;
    private int filterbankNChannels = 32;
    private float filterbankUpperBandLimit = 7500.0f;
    private float filterbankLowerBandLimit = 125.0f;
    private boolean noiseReductionEnable = false;
    private int noiseReductionSmoothingBits = 10;
    private float noiseReductionEvenSmoothing = 0.025f;
    private float noiseReductionOddSmoothing = 0.06f;
    private float noiseReductionMinSignalRemaining = 0.05f;
    private boolean pcanEnable = false;
    private float pcanStrength = 0.95f;
    private float pcanOffset = 80.0f;
    private int pcanGainBits = 21;
    private boolean logScaleEnable = true;
    private int logScaleShift = 6;
    private boolean activityDetectionEnable = false;
    private float activityDetectionAlphaA = 0.5f;
    private float activityDetectionAlphaB = 0.8f;
    private float activityDetectionArmThreshold = 0.75f;
    private float activityDetectionTripThreshold = 0.8f;
    private boolean dcNotchFilterEnable = false;
    private float dcNotchFilterCoefficient = 0.95f;
    private boolean quantizeDynamicScaleEnable = false;
    private float quantizeDynamicScaleRangeDb = 40.0f;

    private Builder() {}

    private Builder(FrontendSettings s) {
      sampleRateHz = s.sampleRateHz;
      sampleLengthMs = s.sampleLengthMs;
      windowSizeMs = s.windowSizeMs;
      windowStepMs = s.windowStepMs;
      filterbankNChannels = s.filterbankNChannels;
      filterbankUpperBandLimit = s.filterbankUpperBandLimit;
      filterbankLowerBandLimit = s.filterbankLowerBandLimit;
      noiseReductionEnable = s.noiseReductionEnable;
      noiseReductionSmoothingBits = s.noiseReductionSmoothingBits;
      noiseReductionEvenSmoothing = s.noiseReductionEvenSmoothing;
      noiseReductionOddSmoothing = s.noiseReductionOddSmoothing;
      noiseReductionMinSignalRemaining = s.noiseReductionMinSignalRemaining;
      pcanEnable = s.pcanEnable;
      pcanStrength = s.pcanStrength;
      pcanOffset = s.pcanOffset;
      pcanGainBits = s.pcanGainBits;
      logScaleEnable = s.logScaleEnable;
      logScaleShift = s.logScaleShift;
      activityDetectionEnable = s.activityDetectionEnable;
      activityDetectionAlphaA = s.activityDetectionAlphaA;
      activityDetectionAlphaB = s.activityDetectionAlphaB;
      activityDetectionArmThreshold = s.activityDetectionArmThreshold;
      activityDetectionTripThreshold = s.activityDetectionTripThreshold;
      dcNotchFilterEnable = s.dcNotchFilterEnable;
      dcNotchFilterCoefficient = s.dcNotchFilterCoefficient;
      quantizeDynamicScaleEnable = s.quantizeDynamicScaleEnable;
      quantizeDynamicScaleRangeDb = s.quantizeDynamicScaleRangeDb;
    }

    public FrontendSettings build() {
      return new FrontendSettings(sampleRateHz, sampleLengthMs, windowSizeMs, windowStepMs,
          filterbankNChannels, filterbankUpperBandLimit, filterbankLowerBandLimit,
          noiseReductionEnable, noiseReductionSmoothingBits, noiseReductionEvenSmoothing,
          noiseReductionOddSmoothing, noiseReductionMinSignalRemaining, pcanEnable, pcanStrength,
          pcanOffset, pcanGainBits, logScaleEnable, logScaleShift, activityDetectionEnable,
          activityDetectionAlphaA, activityDetectionAlphaB, activityDetectionArmThreshold,
          activityDetectionTripThreshold, dcNotchFilterEnable, dcNotchFilterCoefficient,
          quantizeDynamicScaleEnable, quantizeDynamicScaleRangeDb);
    }

    /**
     * Sets one setting by its {@code fe.*} (or bare snake_case) name; values may be numbers,
     * booleans or their text ("True", "0.95").
     *
     * @throws KilnException naming the setting when it is unknown or its value has the wrong type
     */
    public Builder set(String name, Object value) {
      String key = OLDER_NAMES.getOrDefault(name.startsWith("fe.") ? name.substring(3) : name,
          name.startsWith("fe.") ? name.substring(3) : name);
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
        case "noise_reduction_min_signal_remaining" ->
            noiseReductionMinSignalRemaining = number(name, value);
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
            + DEFAULTS.toParameters().keySet() + ")");
      }
      return this;
    }

    public Builder sampleRateHz(int v) {
      sampleRateHz = v;
      return this;
    }

    public Builder sampleLengthMs(int v) {
      sampleLengthMs = v;
      return this;
    }

    public Builder windowSizeMs(int v) {
      windowSizeMs = v;
      return this;
    }

    public Builder windowStepMs(int v) {
      windowStepMs = v;
      return this;
    }

    public Builder filterbankNChannels(int v) {
      filterbankNChannels = v;
      return this;
    }

    public Builder filterbankUpperBandLimit(float v) {
      filterbankUpperBandLimit = v;
      return this;
    }

    public Builder filterbankLowerBandLimit(float v) {
      filterbankLowerBandLimit = v;
      return this;
    }

    public Builder noiseReductionEnable(boolean v) {
      noiseReductionEnable = v;
      return this;
    }

    public Builder noiseReductionSmoothingBits(int v) {
      noiseReductionSmoothingBits = v;
      return this;
    }

    public Builder noiseReductionEvenSmoothing(float v) {
      noiseReductionEvenSmoothing = v;
      return this;
    }

    public Builder noiseReductionOddSmoothing(float v) {
      noiseReductionOddSmoothing = v;
      return this;
    }

    public Builder noiseReductionMinSignalRemaining(float v) {
      noiseReductionMinSignalRemaining = v;
      return this;
    }

    public Builder pcanEnable(boolean v) {
      pcanEnable = v;
      return this;
    }

    public Builder pcanStrength(float v) {
      pcanStrength = v;
      return this;
    }

    public Builder pcanOffset(float v) {
      pcanOffset = v;
      return this;
    }

    public Builder pcanGainBits(int v) {
      pcanGainBits = v;
      return this;
    }

    public Builder logScaleEnable(boolean v) {
      logScaleEnable = v;
      return this;
    }

    public Builder logScaleShift(int v) {
      logScaleShift = v;
      return this;
    }

    public Builder activityDetectionEnable(boolean v) {
      activityDetectionEnable = v;
      return this;
    }

    public Builder activityDetectionAlphaA(float v) {
      activityDetectionAlphaA = v;
      return this;
    }

    public Builder activityDetectionAlphaB(float v) {
      activityDetectionAlphaB = v;
      return this;
    }

    public Builder activityDetectionArmThreshold(float v) {
      activityDetectionArmThreshold = v;
      return this;
    }

    public Builder activityDetectionTripThreshold(float v) {
      activityDetectionTripThreshold = v;
      return this;
    }

    public Builder dcNotchFilterEnable(boolean v) {
      dcNotchFilterEnable = v;
      return this;
    }

    public Builder dcNotchFilterCoefficient(float v) {
      dcNotchFilterCoefficient = v;
      return this;
    }

    public Builder quantizeDynamicScaleEnable(boolean v) {
      quantizeDynamicScaleEnable = v;
      return this;
    }

    public Builder quantizeDynamicScaleRangeDb(float v) {
      quantizeDynamicScaleRangeDb = v;
      return this;
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
        String t = text.trim().toLowerCase(Locale.ROOT);
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
  }
}
