package kiln.micro;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArenaEstimatorTest {
  @Test
  void microSpeechNeedsWhatTflmReports() {
    byte[] model = Fixtures.read("tflm/micro_speech_quantized.tflite");
    ArenaEstimator.Report r = ArenaEstimator.estimate(ModelLoader.load(model, "micro_speech"));
    System.out.println(r + "\n" + String.join("\n", r.tailItems()) + "\n" + r.plan());
    assertThat(r.total()).isEqualTo(7312);
  }
}
