package kiln.tflite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import kiln.api.KilnException;
import org.junit.jupiter.api.Test;

/**
 * Thousands of corrupted fixture files: reading them (and, when they still read, summarizing and
 * writing them) either works or throws a KilnException; nothing else escapes.
 */
class FuzzTest {
  private static final int MUTANTS_PER_FILE = 1500;

  @Test
  void corruptedFilesGiveOnlyKilnExceptions() throws IOException {
    List<String> files = List.of("tflm/hello_world_int8.tflite", "tflm/hello_world_float.tflite",
        "tflm/micro_speech_quantized.tflite", "mltk/tflite_micro_speech.tflite",
        "mltk/image_example1.tflite");
    Random random = new Random(20261121);
    int rejected = 0;
    int accepted = 0;
    for (String f : files) {
      byte[] original = Files.readAllBytes(Fixtures.file(f));
      for (int i = 0; i < MUTANTS_PER_FILE; i++) {
        long seed = random.nextLong();
        byte[] mutant = mutate(original, new Random(seed));
        try {
          TfliteModel m = TfliteModel.read(mutant, "mutant");
          TfliteSummary.summarize(m, "mutant", mutant.length);
          TfliteModel.read(m.toBytes(), "rewritten mutant");
          accepted++;
        } catch (KilnException e) {
          assertThat(e.getMessage()).isNotBlank();
          rejected++;
        } catch (Throwable t) {
          fail(f + " mutant with seed " + seed + " threw " + t, t);
        }
      }
    }
    assertThat(accepted + rejected).isEqualTo(files.size() * MUTANTS_PER_FILE);
    assertThat(rejected).isGreaterThan(1000);
  }

  private static byte[] mutate(byte[] original, Random r) {
    byte[] b = original.clone();
    switch (r.nextInt(5)) {
      case 0 -> { // flip a few random bytes
        for (int k = 1 + r.nextInt(8); k > 0; k--) {
          b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
        }
      }
      case 1 -> { // truncate
        b = Arrays.copyOf(b, r.nextInt(b.length));
      }
      case 2 -> { // overwrite an aligned word (offsets, lengths, indices) with an extreme value
        int[] extremes = {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0x7ffffff0, b.length,
            r.nextInt()};
        int at = r.nextInt(b.length / 4) * 4;
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN)
            .putInt(at, extremes[r.nextInt(extremes.length)]);
      }
      case 3 -> { // zero a range
        int from = r.nextInt(b.length);
        Arrays.fill(b, from, Math.min(b.length, from + 1 + r.nextInt(64)), (byte) 0);
      }
      default -> { // small changes to the first 256 bytes, where the tables' vtables live
        for (int k = 1 + r.nextInt(4); k > 0; k--) {
          int at = r.nextInt(Math.min(256, b.length));
          b[at] = (byte) (b[at] + (r.nextBoolean() ? 1 : -1) * (1 + r.nextInt(4)));
        }
      }
    }
    return b;
  }
}
