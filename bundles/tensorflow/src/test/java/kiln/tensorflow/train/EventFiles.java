package kiln.tensorflow.train;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.proto.Event;

/**
 * Reads a TFRecord event file back, checking both CRCs with the tests' own CRC-32C; returns the
 * scalar tags.
 */
final class EventFiles {
  private EventFiles() {}

  static List<String> scalars(byte[] file) throws Exception {
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    List<String> tags = new ArrayList<>();
    boolean first = true;
    while (b.hasRemaining()) {
      long len = b.getLong();
      int lenCrc = b.getInt();
      if (lenCrc != Crc32c.masked(file, b.position() - 12, 8)) {
        throw new AssertionError("bad length CRC");
      }
      byte[] data = new byte[(int) len];
      b.get(data);
      if (b.getInt() != Crc32c.masked(data, 0, data.length)) {
        throw new AssertionError("bad data CRC");
      }
      Event e = Event.parseFrom(data);
      if (first) {
        if (!e.getFileVersion().equals("brain.Event:2")) {
          throw new AssertionError("first event is not the file version");
        }
        first = false;
      }
      e.getSummary().getValueList().forEach(v -> tags.add(v.getTag()));
    }
    return tags;
  }
}
