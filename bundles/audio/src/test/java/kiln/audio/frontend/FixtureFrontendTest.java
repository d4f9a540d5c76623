package kiln.audio.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import kiln.api.data.FrontendSettings;
import kiln.audio.WavReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Kiln's frontend against the C microfrontend's own output for the four TFLM recordings. */
class FixtureFrontendTest {
  static Path tflm() {
    Path p = Path.of(System.getProperty("kiln.fixtures", "../../../shared/fixtures")).toAbsolutePath().normalize();
    assumeTrue(Files.isDirectory(p.resolve("tflm/frontend")), "fixtures not found at " + p);
    return p.resolve("tflm");
  }

  static int[] readU16(Path file) throws Exception {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    int[] v = new int[b.capacity() / 2];
    for (int i = 0; i < v.length; i++) {
      v[i] = b.getShort(2 * i) & 0xFFFF;
    }
    return v;
  }

  @ParameterizedTest
  @ValueSource(strings = {"yes_1000ms", "no_1000ms", "silence_1000ms", "noise_1000ms"})
  void matchesTheCMicrofrontendBitForBit(String clip) throws Exception {
    Path dir = tflm();
    short[] pcm = WavReader.readPcm16(dir.resolve(clip + ".wav"), 16000);
    FrontendSettings s = FrontendPresets.microSpeech();
    int[] features = new MicroFrontend(s).extract(pcm);
    int[] expected = readU16(dir.resolve("frontend/" + clip + ".u16.bin"));
    assertThat(features).hasSize(49 * 40);
    int diffs = 0;
    int first = -1;
    for (int i = 0; i < expected.length; i++) {
      if (features[i] != expected[i]) {
        diffs++;
        if (first < 0) {
          first = i;
        }
      }
    }
    assertThat(diffs).as("values differing from the C frontend, first at frame %d channel %d",
        first / 40, first % 40).isZero();
  }
}
