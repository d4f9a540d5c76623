package kiln.micro;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The runtime reports TFLite Micro's arena_used_bytes() on a 32-bit device with the reference
 * kernels, as measured on TFLite Micro built with -m32 (issue 16).
 */
class ArenaSizeTest {
  @Test
  void theRuntimeReportsTflmsThirtyTwoBitArena() {
    String[][] measured = {
      {"tflm/micro_speech_quantized.tflite", "6812"},
      {"tflm/hello_world_int8.tflite", "716"},
      {"mltk/tflite_micro_speech.tflite", "8844"},
      {"mltk/image_example1.tflite", "70956"},
      {"mltk/anomaly_detection.tflite", "5416"},
      {"mltk/image_classification.tflite", "54364"},
    };
    for (String[] m : measured) {
      byte[] model = Fixtures.read(m[0]);
      int expected = Integer.parseInt(m[1]);
      assertThat(MicroRuntime.arenaSize(model, m[0])).as(m[0]).isEqualTo(expected);
      assertThat(MicroRuntime.load(model, m[0]).arenaBytes()).as(m[0]).isEqualTo(expected);
    }
  }

  /**
   * CMSIS-NN's kernels keep bigger OpData (a buffer index each, FULLY_CONNECTED's kernel sums and
   * dims) and request im2col and pooling buffers: never less than the reference figure.
   */
  @Test
  void theCmsisNnFigureIsSeparateAndNotSmaller() {
    byte[] model = Fixtures.read("tflm/hello_world_int8.tflite");
    // 3 FULLY_CONNECTED: OpData 45 -> 72 bytes on 32 bits. The OpData start at tail offset 396;
    // reference: 444 -> 448, 496, 544; CMSIS-NN: 468 -> 480, 552 -> 560, 632 -> 640: 96 more,
    // and what follows starts 16-aligned in both
    assertThat(MicroRuntime.arenaSizeCmsisNn(model, "hello_world")).isEqualTo(716 + 3 * 32);
  }
}
