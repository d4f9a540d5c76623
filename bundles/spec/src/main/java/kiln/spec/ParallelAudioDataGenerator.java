package kiln.spec;

import java.util.List;
import java.util.Map;
import kiln.api.data.FrontendSettings;

/**
 * Settings of the parallel audio data generator, with the defaults of MLTK's
 * {@code ParallelAudioDataGenerator}. Ranges are {@code double[]{low, high}} or null (off).
 */
public class ParallelAudioDataGenerator extends DataGenerator {
  public double cores = 0.25;
  public boolean debug = false;
  public int maxBatchesPending = 4;
  public boolean samplewiseCenter = false;
  public boolean samplewiseStdNormalization = false;
  public double[] samplewiseNormalizeRange = null;
  public Double rescale = null;
  public double validationSplit = 0.0;
  public boolean validationAugmentationEnabled = true;
  /** float32, int8, uint8, int16 or uint16: the type of the generated spectrograms. */
  public String dtype = "float32";
  public String frontendDtype = null;
  public double trimThresholdDb = 20;
  /** white, pink, brown, blue, violet, or "all". */
  public List<String> noiseColors = null;
  public double[] noiseColorRange = null;
  public double[] speedRange = null;
  public double[] pitchRange = null;
  public double[] vtlpRange = null;
  public double[] loudnessRange = null;
  public double[] bgNoiseRange = null;
  public String bgNoiseDir = null;
  public double[] offsetRange = {0.0, 1.0};
  public double unknownClassPercentage = 1.0;
  public double silenceClassPercentage = 0.6;
  public boolean disableRandomTransforms = false;
  public FrontendSettings frontendSettings = FrontendSettings.defaults();
  public boolean frontendEnabled = true;
  public int[] sampleShape = null;
  public boolean addChannelDimension = true;
  /** Kiln addition: at most this many samples per class (-1: all). */
  public int maxSamplesPerClass = -1;

  public ParallelAudioDataGenerator() {
    this(Map.of());
  }

  public ParallelAudioDataGenerator(Map<String, ?> kwargs) {
    apply(kwargs);
  }

  @Override
  public String className() {
    return "ParallelAudioDataGenerator";
  }

  /** The spectrogram shape (frames, channels[, 1]) the frontend produces. */
  public int[] spectrogramShape() {
    FrontendSettings fe = frontendSettings;
    int length = fe.sampleRateHz() * fe.sampleLengthMs() / 1000;
    int frames = length < fe.windowSamples() ? 0 : (length - fe.windowSamples()) / fe.stepSamples() + 1;
    return addChannelDimension
        ? new int[] {frames, fe.filterbankNChannels(), 1}
        : new int[] {frames, fe.filterbankNChannels()};
  }

  @Override
  public void validate() {
    super.validate();
    if (cores <= 0) {
      throw bad("cores", "expected a fraction of the CPUs (0..1] or a count >= 1, got " + cores);
    }
    if (maxBatchesPending < 1) {
      throw bad("max_batches_pending", "expected a positive integer, got " + maxBatchesPending);
    }
    if (validationSplit < 0 || validationSplit >= 1) {
      throw bad("validation_split", "expected a fraction in [0, 1), got " + validationSplit);
    }
    if (!List.of("float32", "int8", "uint8", "int16", "uint16").contains(dtype)) {
      throw bad("dtype", "expected one of float32, int8, uint8, int16, uint16, got '" + dtype + "'");
    }
    if (unknownClassPercentage < 0 || silenceClassPercentage < 0) {
      throw bad(unknownClassPercentage < 0 ? "unknown_class_percentage" : "silence_class_percentage",
          "expected a percentage >= 0");
    }
    if (noiseColors != null) {
      for (String c : noiseColors) {
        if (!List.of("white", "pink", "brown", "blue", "violet", "all").contains(c)) {
          throw bad("noise_colors", "expected white, pink, brown, blue, violet or all, got '" + c + "'");
        }
      }
    }
    if (frontendSettings == null && frontendEnabled) {
      throw bad("frontend_settings", "expected FrontendSettings when frontend_enabled is true, got null");
    }
    if (frontendEnabled && spectrogramShape()[0] < 1) {
      throw bad("frontend_settings", "sample_length_ms " + frontendSettings.sampleLengthMs()
          + " is shorter than one window of window_size_ms " + frontendSettings.windowSizeMs());
    }
  }
}
