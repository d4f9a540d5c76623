package kiln.audio.frontend;

import kiln.api.KilnException;
import kiln.api.data.FrontendSettings;

/** Refuses settings the fixed-point frontend cannot run, naming the setting, its value and the range. */
final class FrontendSettingsCheck {
  private FrontendSettingsCheck() {}

  static void validate(FrontendSettings s) {
    range("fe.sample_rate_hz", s.sampleRateHz(), 1000, 1_000_000);
    range("fe.window_size_ms", s.windowSizeMs(), 1, 10_000);
    range("fe.window_step_ms", s.windowStepMs(), 1, 10_000);
    range("fe.filterbank_n_channels", s.filterbankNChannels(), 1, 1024);
    range("fe.noise_reduction_smoothing_bits", s.noiseReductionSmoothingBits(), 0, 24);
    range("fe.pcan_gain_bits", s.pcanGainBits(), 0, 30);
    range("fe.log_scale_shift", s.logScaleShift(), 0, 16);
    int window = s.windowSamples();
    if (window < 4) {
      throw new KilnException("frontend setting fe.window_size_ms=" + s.windowSizeMs() + " gives a window of "
          + window + " samples at " + s.sampleRateHz() + " Hz; expected at least 4");
    }
    if (s.stepSamples() < 1 || s.stepSamples() > window) {
      throw new KilnException("frontend setting fe.window_step_ms=" + s.windowStepMs() + " gives a step of "
          + s.stepSamples() + " samples; expected 1 to the window size (" + window + " samples)");
    }
    if (!(s.filterbankLowerBandLimit() >= 0) || !(s.filterbankUpperBandLimit() > s.filterbankLowerBandLimit())) {
      throw new KilnException("frontend settings fe.filterbank_lower_band_limit=" + s.filterbankLowerBandLimit()
          + " and fe.filterbank_upper_band_limit=" + s.filterbankUpperBandLimit()
          + " are invalid; expected 0 <= lower < upper");
    }
    if (s.filterbankUpperBandLimit() > s.sampleRateHz() / 2f) {
      throw new KilnException("frontend setting fe.filterbank_upper_band_limit=" + s.filterbankUpperBandLimit()
          + " is above the Nyquist frequency " + s.sampleRateHz() / 2 + " Hz of fe.sample_rate_hz=" + s.sampleRateHz());
    }
    fraction("fe.noise_reduction_even_smoothing", s.noiseReductionEvenSmoothing());
    fraction("fe.noise_reduction_odd_smoothing", s.noiseReductionOddSmoothing());
    fraction("fe.noise_reduction_min_signal_remaining", s.noiseReductionMinSignalRemaining());
    fraction("fe.activity_detection_alpha_a", s.activityDetectionAlphaA());
    fraction("fe.activity_detection_alpha_b", s.activityDetectionAlphaB());
    fraction("fe.activity_detection_arm_threshold", s.activityDetectionArmThreshold());
    fraction("fe.activity_detection_trip_threshold", s.activityDetectionTripThreshold());
    if (!(s.dcNotchFilterCoefficient() >= 0 && s.dcNotchFilterCoefficient() < 1)) {
      throw new KilnException("frontend setting fe.dc_notch_filter_coefficient=" + s.dcNotchFilterCoefficient()
          + " is out of range; expected 0 <= k < 1");
    }
    if (!(s.pcanStrength() >= 0) || !(s.pcanOffset() > 0)) {
      throw new KilnException("frontend settings fe.pcan_strength=" + s.pcanStrength() + " and fe.pcan_offset="
          + s.pcanOffset() + " are invalid; expected strength >= 0 and offset > 0");
    }
    if (!(s.quantizeDynamicScaleRangeDb() > 0)) {
      throw new KilnException("frontend setting fe.quantize_dynamic_scale_range_db="
          + s.quantizeDynamicScaleRangeDb() + " must be positive");
    }
    if (s.pcanEnable() && !s.noiseReductionEnable()) {
      throw new KilnException("frontend setting fe.pcan_enable=true needs fe.noise_reduction_enable=true "
          + "(PCAN divides by the noise estimate), found noise reduction off");
    }
    if (s.pcanEnable() && s.noiseReductionSmoothingBits() - (Bits.msb32(s.fftLength()) - 7) < 0) {
      throw new KilnException("frontend setting fe.noise_reduction_smoothing_bits="
          + s.noiseReductionSmoothingBits() + " is too small for PCAN with an FFT of " + s.fftLength());
    }
    if (s.pcanEnable() && s.pcanGainBits() - (Bits.msb32(s.fftLength()) - 7) - PcanGainTable.SNR_BITS < 0) {
      throw new KilnException("frontend setting fe.pcan_gain_bits=" + s.pcanGainBits() + " is too small for an FFT of "
          + s.fftLength() + "; expected at least " + ((Bits.msb32(s.fftLength()) - 7) + PcanGainTable.SNR_BITS));
    }
  }

  private static void range(String name, int v, int lo, int hi) {
    if (v < lo || v > hi) {
      throw new KilnException("frontend setting " + name + "=" + v + " is out of range; expected " + lo + " to " + hi);
    }
  }

  private static void fraction(String name, float v) {
    if (!(v >= 0 && v <= 1)) {
      throw new KilnException("frontend setting " + name + "=" + v + " is out of range; expected 0 to 1");
    }
  }
}
