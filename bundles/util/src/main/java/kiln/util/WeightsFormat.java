package kiln.util;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;
import kiln.api.KilnException;
import kiln.api.model.ElementType;
import kiln.api.model.TensorData;
import kiln.api.model.Weights;

/**
 * Kiln's weights file ({@code NAME.weights} in an archive): named float32 tensors in order. All
 * numbers little-endian:
 *
 * <pre>
 * magic     8 bytes  "KILNWTS" followed by a 0 byte
 * version   u32      format version, {@value #VERSION}
 * count     u32      number of tensors
 * count times:
 *   nameLen u16      then nameLen bytes of UTF-8 name ("conv2d/kernel")
 *   dtype   u8       1 = float32 (the only type of version 1)
 *   rank    u8       then rank u32 dimensions
 *   data    (product of dimensions) float32 values, row-major (Keras/TensorFlow layout,
 *           e.g. a Conv2D kernel is [kh, kw, in, out])
 * crc32     u32      CRC-32 of every byte before it
 * </pre>
 *
 * A reader accepts every version up to its own and refuses newer ones with a message saying so.
 */
public final class WeightsFormat {
  /** The version this class writes. */
  public static final int VERSION = 1;

  static final byte[] MAGIC = {'K', 'I', 'L', 'N', 'W', 'T', 'S', 0};
  private static final int FLOAT32 = 1;

  private WeightsFormat() {}

  /** Encodes the weights. */
  public static byte[] write(Weights weights) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer head = le(16);
    head.put(MAGIC).putInt(VERSION).putInt(weights.size());
    out.writeBytes(head.array());
    for (Map.Entry<String, TensorData> e : weights.asMap().entrySet()) {
      byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
      if (name.length > 0xffff) {
        throw new KilnException("weights: tensor name longer than 65535 bytes: " + e.getKey());
      }
      int[] shape = e.getValue().shape();
      if (shape.length > 255) {
        throw new KilnException("weights: tensor " + e.getKey() + " has rank " + shape.length);
      }
      ByteBuffer b = le(2 + name.length + 2 + 4 * shape.length);
      b.putShort((short) name.length).put(name).put((byte) FLOAT32).put((byte) shape.length);
      for (int d : shape) {
        b.putInt(d);
      }
      out.writeBytes(b.array());
      out.writeBytes(e.getValue().bytes()); // TensorData keeps float32 little-endian already
    }
    CRC32 crc = new CRC32();
    byte[] body = out.toByteArray();
    crc.update(body);
    out.writeBytes(le(4).putInt((int) crc.getValue()).array());
    return out.toByteArray();
  }

  /**
   * Decodes a weights file.
   *
   * @param what names the file in error messages
   * @throws KilnException naming the file and what is wrong (not a weights file, a newer
   *     version, truncated, damaged)
   */
  public static Weights read(byte[] data, String what) {
    if (data.length < 20 || !startsWithMagic(data)) {
      throw new KilnException(what + ": not a Kiln weights file (expected it to start with KILNWTS)");
    }
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    b.position(MAGIC.length);
    int version = b.getInt();
    if (version < 1 || version > VERSION) {
      throw new KilnException(
          what + ": weights format version " + version + ", this Kiln reads versions 1 to "
              + VERSION + " (written by a newer Kiln?)");
    }
    CRC32 crc = new CRC32();
    crc.update(data, 0, data.length - 4);
    int stored = ByteBuffer.wrap(data, data.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    if (stored != (int) crc.getValue()) {
      throw new KilnException(what + ": weights file is damaged (CRC-32 mismatch)");
    }
    int count = b.getInt();
    Weights w = new Weights();
    int end = data.length - 4;
    try {
      for (int t = 0; t < count; t++) {
        int nameLen = Short.toUnsignedInt(b.getShort());
        byte[] name = new byte[nameLen];
        b.get(name);
        String n = new String(name, StandardCharsets.UTF_8);
        int dtype = Byte.toUnsignedInt(b.get());
        if (dtype != FLOAT32) {
          throw new KilnException(what + ": tensor " + n + " has element type code " + dtype
              + ", expected 1 (float32)");
        }
        int rank = Byte.toUnsignedInt(b.get());
        int[] shape = new int[rank];
        long elements = 1;
        for (int i = 0; i < rank; i++) {
          shape[i] = b.getInt();
          if (shape[i] < 0) {
            throw new KilnException(what + ": tensor " + n + " has a negative dimension");
          }
          elements *= shape[i];
        }
        long bytes = elements * 4;
        if (bytes > end - b.position()) {
          throw new KilnException(what + ": tensor " + n + " needs " + bytes
              + " bytes of data, the file has " + (end - b.position()) + " left (truncated?)");
        }
        byte[] values = new byte[(int) bytes];
        b.get(values);
        w.put(n, new TensorData(ElementType.FLOAT32, shape, values));
      }
    } catch (java.nio.BufferUnderflowException e) {
      throw new KilnException(what + ": weights file ends early (truncated?)", e);
    }
    if (b.position() != end) {
      throw new KilnException(what + ": " + (end - b.position())
          + " unexpected bytes after the last tensor");
    }
    return w;
  }

  /** Whether {@code data} starts like a Kiln weights file. */
  public static boolean startsWithMagic(byte[] data) {
    if (data.length < MAGIC.length) {
      return false;
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (data[i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  private static ByteBuffer le(int n) {
    return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
  }
}
