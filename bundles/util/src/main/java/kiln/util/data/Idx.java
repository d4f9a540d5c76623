package kiln.util.data;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import kiln.api.KilnException;

/**
 * Reads a gzipped IDX file (LeCun's MNIST format): a big-endian magic {@code 0x000008NN} (unsigned
 * bytes, NN dimensions), the dimension sizes, then the bytes. The header must match the data
 * exactly: fewer or more bytes than it declares is an error naming the file.
 */
public record Idx(int[] dims, byte[] data) {
  /** The number of items (the first dimension). */
  public int count() {
    return dims[0];
  }

  /** Bytes per item (the product of the other dimensions). */
  public int itemSize() {
    int n = 1;
    for (int i = 1; i < dims.length; i++) {
      n *= dims[i];
    }
    return n;
  }

  /** Reads {@code file}, which must have {@code expectedDims} dimensions. */
  public static Idx read(Path file, int expectedDims) {
    try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(file), 1 << 16))) {
      int magic = in.readInt();
      if ((magic >>> 8) != 0x08 || (magic & 0xff) != expectedDims) {
        throw new KilnException("IDX file " + file + ": magic " + String.format("0x%08x", magic) + ", expected 0x"
            + String.format("%08x", 0x800 | expectedDims) + " (unsigned bytes, " + expectedDims + " dimensions)");
      }
      int[] dims = new int[expectedDims];
      long size = 1;
      for (int i = 0; i < expectedDims; i++) {
        dims[i] = in.readInt();
        size *= dims[i];
      }
      if (size < 0 || size > Integer.MAX_VALUE - 16) {
        throw new KilnException("IDX file " + file + ": header dimensions " + java.util.Arrays.toString(dims)
            + " are not a valid size");
      }
      byte[] data = new byte[(int) size];
      try {
        in.readFully(data);
      } catch (EOFException e) {
        throw new KilnException("IDX file " + file + ": the header declares " + java.util.Arrays.toString(dims)
            + " (" + size + " bytes) but the file holds fewer");
      }
      if (in.read() >= 0) {
        throw new KilnException("IDX file " + file + ": the header declares " + java.util.Arrays.toString(dims)
            + " (" + size + " bytes) but the file holds more");
      }
      return new Idx(dims, data);
    } catch (IOException e) {
      throw new KilnException("IDX file " + file + " cannot be read (expected a gzipped IDX file): " + e, e);
    }
  }

  /** Writes this as a gzipped IDX file of unsigned bytes (the inverse of {@link #read}). */
  public void write(Path file) {
    try (java.io.DataOutputStream out = new java.io.DataOutputStream(
        new java.util.zip.GZIPOutputStream(Files.newOutputStream(file)))) {
      out.writeInt(0x800 | dims.length);
      for (int d : dims) {
        out.writeInt(d);
      }
      out.write(data);
    } catch (IOException e) {
      throw new KilnException("cannot write IDX file " + file + ": " + e.getMessage(), e);
    }
  }
}
