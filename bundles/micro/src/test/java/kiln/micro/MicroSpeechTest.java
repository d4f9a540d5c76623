package kiln.micro;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import kiln.api.model.TensorData;
import org.junit.jupiter.api.Test;

class MicroSpeechTest {
  private static MicroModel microSpeech() {
    byte[] model = Fixtures.read("tflm/micro_speech_quantized.tflite");
    return MicroModel.prepare(ModelLoader.load(model, "micro_speech_quantized.tflite"));
  }

  private static byte[] classify(MicroModel m, String features) {
    byte[] in = Fixtures.read("tflm/" + features);
    List<TensorData> out = m.run(List.of(TensorData.ofInt8(new int[] {1, 1960}, in)));
    return out.get(0).bytes();
  }

  @Test
  void yesFeaturesGiveTheTflmScores() {
    assertThat(classify(microSpeech(), "yes_micro_features_int8.bin"))
        .containsExactly(-128, -128, 127, -128);
  }

  @Test
  void noFeaturesGiveTheTflmScores() {
    assertThat(classify(microSpeech(), "no_micro_features_int8.bin"))
        .containsExactly(-128, -114, -128, 114);
  }

  @Test
  void repeatedRunsGiveTheSameResult() {
    MicroModel m = microSpeech();
    byte[] first = classify(m, "no_micro_features_int8.bin").clone();
    classify(m, "yes_micro_features_int8.bin");
    assertThat(classify(m, "no_micro_features_int8.bin")).isEqualTo(first);
  }
}
