package kiln.audio.frontend;

import kiln.api.KilnException;
import kiln.api.data.FrontendSettings;

/** Built-in frontend settings. */
public final class FrontendPresets {
  private FrontendPresets() {}

  /**
   * The TFLite Micro micro_speech frontend (MLTK model tflite_micro_speech): 16 kHz, 1 s, window 30
   * ms, step 20 ms, 40 channels, 125-7500 Hz, noise reduction and PCAN on, log scale shift 6.
   */
  public static FrontendSettings microSpeech() {
    FrontendSettings s = new FrontendSettings();
    s.sampleRateHz = 16000;
    s.sampleLengthMs = 1000;
    s.windowSizeMs = 30;
    s.windowStepMs = 20;
    s.filterbankNChannels = 40;
    s.filterbankUpperBandLimit = 7500.0f;
    s.filterbankLowerBandLimit = 125.0f;
    s.noiseReductionEnable = true;
    s.noiseReductionSmoothingBits = 10;
    s.noiseReductionEvenSmoothing = 0.025f;
    s.noiseReductionOddSmoothing = 0.06f;
    s.noiseReductionMinSignalRemaining = 0.05f;
    s.pcanEnable = true;
    s.pcanStrength = 0.95f;
    s.pcanOffset = 80.0f;
    s.pcanGainBits = 21;
    s.logScaleEnable = true;
    s.logScaleShift = 6;
    return s;
  }

  /** A preset by name: {@code micro_speech} or {@code mltk_default}. */
  public static FrontendSettings named(String name) {
    return switch (name) {
      case "micro_speech" -> microSpeech();
      case "mltk_default", "default" -> new FrontendSettings();
      default -> throw new KilnException("frontend preset '" + name + "' is unknown; expected micro_speech or mltk_default");
    };
  }
}
