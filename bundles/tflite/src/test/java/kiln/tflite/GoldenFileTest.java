package kiln.tflite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A file written by this version of Kiln, checked in: it must keep loading, and the writer must
 * keep producing exactly its bytes (a change to the layout shows up here first). Regenerate with
 * -Dkiln.regenerateGolden=true only when a layout change is intended.
 */
class GoldenFileTest {
  private static final String NAME = "small_conv_v1.tflite";

  static TfliteModel goldenModel() {
    TfliteModel m = WriterTest.smallConvModel();
    m.setParameters(new ModelParameters().put("name", "small_conv").put("version", 1)
        .put("classes", List.of("a", "b", "c")).put("threshold", 0.5f));
    return m;
  }

  @Test
  void checkedInFileStillReadsAndIsWrittenByteForByte() throws IOException {
    byte[] now = goldenModel().toBytes();
    if (Boolean.getBoolean("kiln.regenerateGolden")) {
      Files.write(Path.of("src/test/resources/kiln/tflite", NAME), now);
    }
    byte[] golden;
    try (InputStream in = GoldenFileTest.class.getResourceAsStream(NAME)) {
      golden = in.readAllBytes();
    }
    TfliteModel read = TfliteModel.read(golden, NAME);
    assertThat(read.parameters().get("classes")).isEqualTo(List.of("a", "b", "c"));
    assertThat(read.mainSubgraph().operators()).hasSize(3);
    assertThat(now).isEqualTo(golden);
  }
}
