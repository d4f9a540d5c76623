package kiln.pipeline;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import kiln.api.KilnException;
import kiln.api.data.FrontendSettings;
import kiln.api.model.ElementType;
import kiln.api.model.TensorData;
import kiln.api.model.TensorSpec;
import kiln.tflite.ModelParameters;
import kiln.tflite.TfliteModel;

/**
 * The audio frontend a model was trained with: its {@code fe.*} model parameters (MLTK's
 * SL_PARAMSv1 metadata), and the checks that the features it makes fit the model's input. Uses no
 * kiln.audio class, so callers can check before the optional audio bundle is needed.
 */
final class ModelFrontend {
  private ModelFrontend() {}

  /**
   * The settings of the model's {@code fe.*} parameters; empty when it has none.
   *
   * @throws KilnException naming the model and the parameter when one is unknown or malformed
   */
  static Optional<FrontendSettings> of(TfliteModel tflite, String name) {
    Map<String, Object> fe = new LinkedHashMap<>();
    ModelParameters params = tflite.parameters();
    for (String key : params.keys()) {
      if (key.startsWith("fe.")) {
        fe.put(key, params.get(key));
      }
    }
    if (fe.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(FrontendSettings.fromParameters(fe));
    } catch (KilnException e) {
      throw new KilnException(name + ": model parameters: " + e.getMessage(), e);
    }
  }

  /** Audio features go to int8 or float32 inputs only. */
  static void checkInputType(TensorSpec spec, String name) {
    if (spec.type() != ElementType.INT8 && spec.type() != ElementType.FLOAT32) {
      throw new KilnException(name + ": input '" + spec.name() + "' is "
          + spec.type().name().toLowerCase(Locale.ROOT) + "; audio features can be given to"
          + " int8 or float32 inputs");
    }
  }

  /**
   * The frontend must fill the input exactly: {@code samples} of audio give frames x channels
   * features.
   *
   * @param source names the audio in the message (a wav file, the stream)
   */
  static void checkFeatureCount(FrontendSettings settings, int samples, TensorSpec spec, String name,
      String source) {
    long features = (long) settings.frameCount(samples) * settings.filterbankNChannels();
    long needed = TensorData.elementCount(spec.shape());
    if (features != needed) {
      throw new KilnException(source + ": the frontend settings of " + name + " give "
          + settings.frameCount(samples) + " frames x " + settings.filterbankNChannels()
          + " channels = " + features + " features, but input '" + spec.name() + "' "
          + Arrays.toString(spec.shape()) + " holds " + needed);
    }
  }
}
