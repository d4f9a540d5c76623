package kiln.micro;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The runtime reports the shared arena model's figure (kiln.tflite.arena) for its graphs. */
class ArenaSizeTest {
  @Test
  void microSpeechNeedsWhatTflmReports() {
    byte[] model = Fixtures.read("tflm/micro_speech_quantized.tflite");
    assertThat(MicroRuntime.arenaSize(model, "micro_speech")).isEqualTo(7312);
    assertThat(MicroRuntime.load(model, "micro_speech").arenaBytes()).isEqualTo(7312);
  }
}
