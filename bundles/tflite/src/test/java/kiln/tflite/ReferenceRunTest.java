package kiln.tflite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files Kiln writes load and run unmodified in TFLite 2.20. */
class ReferenceRunTest {
  @TempDir
  Path tmp;

  @Test
  void rewrittenMicroSpeechGivesTheKnownYesScores() throws IOException {
    byte[] yes = Files.readAllBytes(Fixtures.file("tflm/yes_micro_features_int8.bin"));
    byte[] no = Files.readAllBytes(Fixtures.file("tflm/no_micro_features_int8.bin"));
    TfliteModel m = TfliteModel.read(Fixtures.file("tflm/micro_speech_quantized.tflite"));
    byte[] rewritten = m.toBytes();
    assertThat(ReferenceTflite.run(rewritten, yes)).containsExactly(-128, -128, 127, -128);
    assertThat(ReferenceTflite.run(rewritten, no)).containsExactly(-128, -114, -128, 114);
  }

  @Test
  void everyRewrittenFixtureRunsInTflite() {
    for (Path p : Fixtures.models()) {
      byte[] original = read(p);
      TfliteModel m = TfliteModel.read(original, p.toString());
      Tensor in = m.mainSubgraph().tensor(m.mainSubgraph().inputs()[0]);
      byte[] input = new byte[(int) in.byteSize()];
      for (int i = 0; i < input.length; i++) {
        input[i] = (byte) (i * 31 + 7);
      }
      if (in.type() == TensorType.FLOAT32) {
        java.nio.ByteBuffer.wrap(input).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
            .put(new float[input.length / 4]);
      }
      assertThat(ReferenceTflite.run(m.toBytes(), input)).as(p.toString())
          .isEqualTo(ReferenceTflite.run(original, input));
    }
  }

  @Test
  void updatedParametersShowInTheSummaryAndTheFileStillRuns() throws IOException {
    Path out = tmp.resolve("speech.tflite");
    Path src = Fixtures.file("mltk/tflite_micro_speech.tflite");
    Files.copy(src, out);
    String report = ParameterUpdate.update(out, List.of("detection_threshold=200",
        "volume_db=7.5", "verbose=true", "classes=on,off,_unknown_,_silence_", "note=hello world",
        "weights=1,2,3", "gains=[0.5, 1.5]"), null, "updated by a test", null,
        Instant.parse("2026-01-02T03:04:05.678Z"));
    assertThat(report).contains("detection_threshold: 185 (uint8) -> 200 (uint8)",
        "volume_db: 5.0 (float) -> 7.5 (float)", "verbose: (new) -> True (bool)");
    String summary = new kiln.tflite.command.TfliteSummarizer().summarize(out.toString(), true);
    assertThat(summary).contains("detection_threshold: 200", "volume_db: 7.5", "verbose: True",
        "Classes: on, off, _unknown_, _silence_", "note: hello world", "weights: [1, 2, 3]",
        "gains: [0.5, 1.5]", "Description: updated by a test", "date: 2026-01-02T03:04:05.678Z");
    TfliteModel updated = TfliteModel.read(out);
    assertThat(updated.parameters().getString("hash")).isEqualTo(ModelHash.compute(updated));
    byte[] input = new byte[49 * 40];
    assertThat(ReferenceTflite.run(Files.readAllBytes(out), input))
        .isEqualTo(ReferenceTflite.run(Files.readAllBytes(src), input));
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
