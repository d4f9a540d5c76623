package kiln.keras.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import kiln.api.model.Summarizer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code kiln:summarize} of an MLTK archive: its float model, or with --tflite its .tflite. */
class KerasSummarizerTest {
  static Path archive() {
    Path p = Path.of(System.getProperty("kiln.fixtures", "../../../shared/fixtures"))
        .resolve("mltk/tflite_micro_speech.mltk.zip");
    Assumptions.assumeTrue(Files.isRegularFile(p), "fixture not found: " + p.toAbsolutePath());
    return p;
  }

  @Test
  void summarizesTheArchivesKerasModel() {
    KerasSummarizer s = new KerasSummarizer();
    String target = archive().toString();
    assertThat(s.accepts(target)).isTrue();
    assertThat(s.accepts("m.h5")).isTrue();
    assertThat(s.accepts("m.tflite")).isFalse();
    String text = s.summarize(target, false);
    assertThat(text).contains("conv2d (Conv2D)                           (None, 25, 20, 8)      648  320,000  input_1")
        .contains("Total params: 16,684").contains("Total MACs: 336,000").contains("Name: tflite_micro_speech")
        .contains("Keras version: 2.4.0 (tensorflow)").contains("Loss: categorical_crossentropy")
        .contains("Optimizer: adam (learning_rate 1.56250e-05)")
        .contains("Archive also holds: tflite_micro_speech.tflite (21,616 bytes;")
        .contains("MLTK spec: tflite_micro_speech.py (Python, read as text only)");
  }

  @Test
  void withTfliteTheArchivesTfliteIsSummarizedByTheTfliteSummarizer() {
    KerasSummarizer s = new KerasSummarizer();
    String target = archive().toString();
    assertThatThrownBy(() -> s.summarize(target, true)).hasMessage(target + ": summarizing its .tflite needs the"
        + " tflite summarizer (bundle kiln.tflite), which is not installed");
    s.tflite = new Summarizer() {
      @Override
      public boolean accepts(String t) {
        return true;
      }

      @Override
      public String summarize(String t, boolean q) {
        return "tflite of " + t;
      }
    };
    assertThat(s.summarize(target, true)).isEqualTo("tflite of " + target);
    assertThatThrownBy(() -> s.summarize("m.h5", true)).hasMessageStartingWith("m.h5: a Keras .h5 holds the float"
        + " model only");
  }
}
