package kiln.tflite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundTripTest {
  @Test
  void everyFixtureModelReadsWritesAndReadsBackEqual() {
    List<Path> models = Fixtures.models();
    assertThat(models).hasSizeGreaterThanOrEqualTo(7);
    for (Path p : models) {
      TfliteModel m = TfliteModel.read(p);
      byte[] written = m.toBytes();
      TfliteModel back = TfliteModel.read(written, p + " (rewritten)");
      assertThat(back).as(p.toString()).isEqualTo(m);
      // and writing again gives the same bytes
      assertThat(back.toBytes()).as(p.toString()).isEqualTo(written);
    }
  }
}
