package kiln.platform.serial.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns received bytes into frames. Bytes before a start byte are skipped (and counted as garbage);
 * a frame whose length is too large or whose CRC does not match is dropped and the search resumes
 * one byte after its start byte, so one bad byte never loses the frames after it.
 */
public final class FrameDecoder {
  private byte[] buf = new byte[256];
  private int size;
  private long garbageBytes;
  private long badFrames;

  /** Adds received bytes; returns the frames they complete. */
  public List<Frame> feed(byte[] data, int offset, int length) {
    ensure(size + length);
    System.arraycopy(data, offset, buf, size, length);
    size += length;
    List<Frame> frames = new ArrayList<>();
    int pos = 0;
    while (pos < size) {
      if ((buf[pos] & 0xFF) != Frame.START) {
        garbageBytes++;
        pos++;
        continue;
      }
      if (size - pos < 5) {
        break;
      }
      int n = (buf[pos + 1] & 0xFF) | (buf[pos + 2] & 0xFF) << 8;
      if (n > Frame.MAX_PAYLOAD) {
        badFrames++;
        pos++;
        continue;
      }
      if (size - pos < n + Frame.OVERHEAD) {
        break;
      }
      int crc = (buf[pos + 5 + n] & 0xFF) | (buf[pos + 6 + n] & 0xFF) << 8;
      if (crc != Crc16.of(buf, pos + 1, n + 4)) {
        badFrames++;
        pos++;
        continue;
      }
      byte[] payload = new byte[n];
      System.arraycopy(buf, pos + 5, payload, 0, n);
      frames.add(new Frame(buf[pos + 3] & 0xFF, buf[pos + 4] & 0xFF, payload));
      pos += n + Frame.OVERHEAD;
    }
    System.arraycopy(buf, pos, buf, 0, size - pos);
    size -= pos;
    return frames;
  }

  /** Bytes skipped outside any frame so far. */
  public long garbageBytes() {
    return garbageBytes;
  }

  /** Frames dropped for a bad length or CRC so far. */
  public long badFrames() {
    return badFrames;
  }

  /** Bytes held that do not yet make a frame. */
  public int pending() {
    return size;
  }

  /** Forgets partial input (after a request is sent again). */
  public void clear() {
    size = 0;
  }

  private void ensure(int capacity) {
    if (capacity > buf.length) {
      buf = java.util.Arrays.copyOf(buf, Math.max(capacity, buf.length * 2));
    }
  }
}
