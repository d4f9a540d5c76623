package kiln.tflite.internal;

import java.nio.ByteBuffer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Checks that vector lengths read from a file fit in it before anything is allocated, so a
 * corrupted length gives a clear error instead of a huge allocation. Failures throw
 * {@link Corrupt}, which the reader turns into a KilnException naming the file and the place.
 */
final class Bounds {
  private Bounds() {}

  /** The length, checked against the buffer: {@code length * elementSize} must fit in it. */
  static int length(IntSupplier length, int elementSize, ByteBuffer bb, String what) {
    int n = length.getAsInt();
    if (n < 0 || (long) n * elementSize > bb.capacity()) {
      throw new Corrupt(what + ": vector length " + n + " does not fit in the "
          + bb.capacity() + "-byte file");
    }
    return n;
  }

  /** A string field; {@code asBytes} (the generated xAsByteBuffer) bounds-checks it first. */
  static String string(Supplier<ByteBuffer> asBytes, Supplier<String> value) {
    ByteBuffer b = asBytes.get();
    return b == null ? null : value.get();
  }

  /** An error in the structure of the file, with the place it was found. */
  static final class Corrupt extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Corrupt(String message) {
      super(message);
    }
  }
}
