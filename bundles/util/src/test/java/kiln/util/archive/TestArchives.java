package kiln.util.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Builds small ustar .tar.gz archives for the tests. */
public final class TestArchives {
  private TestArchives() {}

  public static byte[] tarGz(Map<String, byte[]> files, boolean endMarker) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      for (var e : files.entrySet()) {
        gz.write(header(e.getKey(), e.getValue().length));
        gz.write(e.getValue());
        gz.write(new byte[(512 - e.getValue().length % 512) % 512]);
      }
      if (endMarker) {
        gz.write(new byte[1024]);
      }
    }
    return bytes.toByteArray();
  }

  public static byte[] header(String name, long size) {
    return header(name, size, '0', "");
  }

  /** A ustar header of entry type {@code type} ('0' file, '5' folder, '1' hard link, '2' symlink). */
  public static byte[] header(String name, long size, char type, String linkName) {
    byte[] h = new byte[512];
    put(h, 0, name);
    put(h, 157, linkName);
    put(h, 100, "0000644");
    put(h, 108, "0000000");
    put(h, 116, "0000000");
    put(h, 124, String.format("%011o", size));
    put(h, 136, "00000000000");
    h[156] = (byte) type;
    put(h, 257, "ustar");
    put(h, 263, "00");
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, String.format("%06o", sum));
    h[155] = ' ';
    return h;
  }

  private static void put(byte[] h, int off, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, off, b.length);
  }
}
