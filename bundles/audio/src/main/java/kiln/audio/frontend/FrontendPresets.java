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
    return FrontendSettings.builder()
        .sampleRateHz(16000)
        .sampleLengthMs(1000)
        .windowSizeMs(30)
        .windowStepMs(20)
        .filterbankNChannels(40)
        .filterbankUpperBandLimit(7500.0f)
        .filterbankLowerBandLimit(125.0f)
        .noiseReductionEnable(true)
        .noiseReductionSmoothingBits(10)
        .noiseReductionEvenSmoothing(0.025f)
        .noiseReductionOddSmoothing(0.06f)
        .noiseReductionMinSignalRemaining(0.05f)
        .pcanEnable(true)
        .pcanStrength(0.95f)
        .pcanOffset(80.0f)
        .pcanGainBits(21)
        .logScaleEnable(true)
        .logScaleShift(6)
        .build();
  }

  /** A preset by name: {@code micro_speech} or {@code mltk_default}. */
  public static FrontendSettings named(String name) {
    return switch (name) {
      case "micro_speech" -> microSpeech();
      case "mltk_default", "default" -> FrontendSettings.defaults();
      default -> throw new KilnException("frontend preset '" + name + "' is unknown; expected micro_speech or mltk_default");
    };
  }
}
