package kiln.tensorflow.train;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import kiln.api.KilnException;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

/**
 * Writes a TensorBoard event file ({@code events.out.tfevents.TIME.HOST}) in TFRecord framing:
 * little-endian u64 length, masked CRC-32C of the length, the serialized {@code Event} proto,
 * masked CRC-32C of the data. The first event carries the file version {@code brain.Event:2}.
 */
public final class EventFileWriter implements AutoCloseable {
  private final Path file;
  private final OutputStream out;

  /** Creates the folder and a new event file in it. */
  public EventFileWriter(Path dir, double wallTime) {
    try {
      Files.createDirectories(dir);
      String host = java.net.InetAddress.getLocalHost().getHostName();
      file = dir.resolve("events.out.tfevents." + (long) wallTime + "." + host.replaceAll("[^A-Za-z0-9.-]", "_"));
      out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
      write(Event.newBuilder().setWallTime(wallTime).setFileVersion("brain.Event:2").build());
    } catch (IOException e) {
      throw new KilnException("tensorboard: cannot write an event file in " + dir + ": " + e.getMessage(), e);
    }
  }

  public Path file() {
    return file;
  }

  /** One scalar (TensorBoard's simple_value) at a step. */
  public void scalar(String tag, double value, long step, double wallTime) {
    Summary s = Summary.newBuilder()
        .addValue(Summary.Value.newBuilder().setTag(tag).setSimpleValue((float) value))
        .build();
    write(Event.newBuilder().setWallTime(wallTime).setStep(step).setSummary(s).build());
  }

  private void write(Event e) {
    byte[] data = e.toByteArray();
    ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    header.putLong(data.length);
    header.putInt(maskedCrc(header.array(), 0, 8));
    ByteBuffer footer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    footer.putInt(maskedCrc(data, 0, data.length));
    try {
      out.write(header.array());
      out.write(data);
      out.write(footer.array());
      out.flush();
    } catch (IOException ex) {
      throw new KilnException("tensorboard: cannot write " + file + ": " + ex.getMessage(), ex);
    }
  }

  /** TFRecord's masked CRC-32C: rotate right by 15 and add a constant. */
  static int maskedCrc(byte[] b, int off, int len) {
    CRC32C c = new CRC32C();
    c.update(b, off, len);
    int crc = (int) c.getValue();
    return ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new KilnException("tensorboard: cannot close " + file + ": " + e.getMessage(), e);
    }
  }
}
