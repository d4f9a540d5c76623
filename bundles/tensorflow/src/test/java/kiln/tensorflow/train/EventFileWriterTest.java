package kiln.tensorflow.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;

/**
 * The event file's framing against published values: CRC-32C test vectors of RFC 3720 (iSCSI,
 * appendix B.4), the masking of TensorFlow's record format ({@code tensorflow/core/lib/hash/crc32c.h}:
 * {@code ((crc >> 15) | (crc << 17)) + 0xa282ead8}), and a file the writer wrote, re-read here.
 */
class EventFileWriterTest {
  static final byte[] ZEROS = new byte[32];
  static final byte[] ONES = filled(0xFF);
  static final byte[] ASCENDING = new byte[32];
  static final byte[] DESCENDING = new byte[32];

  static {
    for (int i = 0; i < 32; i++) {
      ASCENDING[i] = (byte) i;
      DESCENDING[i] = (byte) (31 - i);
    }
  }

  static byte[] filled(int v) {
    byte[] b = new byte[32];
    java.util.Arrays.fill(b, (byte) v);
    return b;
  }

  @Test
  void theTestsOwnCrc32cGivesTheRfc3720Vectors() {
    assertThat(Crc32c.of(ZEROS, 0, 32)).isEqualTo(0x8A9136AA);
    assertThat(Crc32c.of(ONES, 0, 32)).isEqualTo(0x62A8AB43);
    assertThat(Crc32c.of(ASCENDING, 0, 32)).isEqualTo(0x46DD794E);
    assertThat(Crc32c.of(DESCENDING, 0, 32)).isEqualTo(0x113FDB5C);
  }

  /**
   * The writer's masked CRC of each vector: the mask applied by hand to the published CRC, e.g.
   * 0x8A9136AA rotated right by 15 is 0x6D551522, plus 0xA282EAD8 is 0x0FD7FFFA (mod 2^32).
   */
  @Test
  void theWritersMaskedCrcIsTheMaskOfThePublishedVectors() {
    assertThat(EventFileWriter.maskedCrc(ZEROS, 0, 32)).isEqualTo(0x0FD7FFFA);
    assertThat(EventFileWriter.maskedCrc(ONES, 0, 32)).isEqualTo(0xF909B029);
    assertThat(EventFileWriter.maskedCrc(ASCENDING, 0, 32)).isEqualTo(0x951F7892);
    assertThat(EventFileWriter.maskedCrc(DESCENDING, 0, 32)).isEqualTo(0x593B0D57);
    // the same from the published CRC and the published mask formula
    assertThat(Crc32c.masked(0x8A9136AA)).isEqualTo(0x0FD7FFFA);
    // an offset into a larger buffer covers only the given bytes
    byte[] padded = new byte[40];
    System.arraycopy(ASCENDING, 0, padded, 5, 32);
    assertThat(EventFileWriter.maskedCrc(padded, 5, 32)).isEqualTo(0x951F7892);
  }

  @Test
  void aWrittenFileHasValidFramingAndTheScalars(@TempDir Path dir) throws Exception {
    Path file;
    try (EventFileWriter w = new EventFileWriter(dir, 1_700_000_000.5)) {
      w.scalar("epoch_loss", 0.25, 3, 1_700_000_001.0);
      w.scalar("epoch_accuracy", 0.875, 3, 1_700_000_001.0);
      file = w.file();
    }
    assertThat(file.getFileName().toString()).startsWith("events.out.tfevents.1700000000.");
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int records = 0;
    Event last = null;
    while (b.hasRemaining()) {
      int start = b.position();
      long len = b.getLong();
      assertThat(b.getInt()).as("length CRC of record %d", records)
          .isEqualTo(Crc32c.masked(bytes, start, 8));
      byte[] data = new byte[(int) len];
      b.get(data);
      assertThat(b.getInt()).as("data CRC of record %d", records)
          .isEqualTo(Crc32c.masked(data, 0, data.length));
      Event e = Event.parseFrom(data);
      if (records == 0) {
        assertThat(e.getFileVersion()).isEqualTo("brain.Event:2");
        assertThat(e.getWallTime()).isEqualTo(1_700_000_000.5);
      }
      last = e;
      records++;
    }
    assertThat(records).isEqualTo(3);
    assertThat(last.getStep()).isEqualTo(3);
    assertThat(last.getSummary().getValue(0).getTag()).isEqualTo("epoch_accuracy");
    assertThat(last.getSummary().getValue(0).getSimpleValue()).isEqualTo(0.875f);
    assertThat(EventFiles.scalars(bytes)).containsExactly("epoch_loss", "epoch_accuracy");
  }
}
