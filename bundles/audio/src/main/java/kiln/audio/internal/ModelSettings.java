package kiln.audio.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import kiln.api.KilnException;
import kiln.api.data.FrontendSettings;
import kiln.tflite.ModelParameters;
import kiln.tflite.TfliteModel;

/** Frontend settings from the fe.* parameters (SL_PARAMSv1 metadata) of a .tflite model. */
final class ModelSettings {
  private ModelSettings() {}

  static FrontendSettings read(Path model) {
    ModelParameters params = TfliteModel.read(model).parameters();
    Map<String, Object> fe = new LinkedHashMap<>();
    for (String key : params.keys()) {
      if (key.startsWith("fe.")) {
        fe.put(key, params.get(key));
      }
    }
    if (fe.isEmpty()) {
      throw new KilnException("model " + model + " has no fe.* frontend parameters in its SL_PARAMSv1 metadata");
    }
    try {
      return FrontendSettings.fromParameters(fe);
    } catch (KilnException e) {
      throw new KilnException("model " + model + ": " + e.getMessage());
    }
  }
}
