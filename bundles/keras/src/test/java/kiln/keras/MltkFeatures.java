package kiln.keras;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kiln.tflite.Tensor;

/**
 * Real microfrontend features (TensorFlow Lite Micro's yes/no examples, then the frontend fixtures'
 * noise, silence, yes and no clips), int8 as the model's input tensor holds them.
 */
final class MltkFeatures {
  /** The fixture clips, in order. */
  static final List<String> NAMES = List.of("yes", "no", "noise", "silence", "yes (frontend)", "no (frontend)");
  /** The class each clip is (yes 0, no 1), for the clips that are a keyword. */
  static final int[] KEYWORDS = {0, 1, -1, -1, 0, 1};

  private MltkFeatures() {}

  static List<byte[]> int8() throws Exception {
    Path tflm = Fixtures.require("tflm/yes_micro_features_int8.bin").getParent();
    List<byte[]> r = new ArrayList<>();
    r.add(Files.readAllBytes(tflm.resolve("yes_micro_features_int8.bin")));
    r.add(Files.readAllBytes(tflm.resolve("no_micro_features_int8.bin")));
    for (String n : List.of("noise", "silence", "yes", "no")) {
      r.add(Files.readAllBytes(Fixtures.require("tflm/frontend/" + n + "_1000ms.i8.bin")));
    }
    return r;
  }

  /** The features as the float model reads them: dequantized with the int8 model input's scale and zero point. */
  static List<float[]> dequantized(List<byte[]> int8, Tensor input) {
    float s = input.quantization().scale();
    long zp = input.quantization().zeroPoint();
    List<float[]> out = new ArrayList<>();
    for (byte[] q : int8) {
      float[] f = new float[q.length];
      for (int i = 0; i < f.length; i++) {
        f[i] = (q[i] - zp) * s;
      }
      out.add(f);
    }
    return out;
  }
}
