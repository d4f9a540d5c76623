package kiln.datasets.speechcommands;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import kiln.api.KilnException;
import kiln.api.Progress;
import kiln.datasets.directory.DatasetFolders;

/** Extracts a gzip-compressed tar (ustar, GNU long names, pax paths): regular files and folders only. */
final class TarGz {
  private static final int BLOCK = 512;

  private TarGz() {}

  /** Extracts {@code archive} into {@code dir}; returns the number of files written. */
  static int extract(Path archive, Path dir, String task, Progress progress) throws IOException {
    int files = 0;
    try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(archive), 1 << 16), 1 << 16)) {
      byte[] header = new byte[BLOCK];
      String longName = null;
      while (true) {
        if (!readFully(in, header)) {
          throw new KilnException("archive " + archive + " ends without the tar end marker (truncated)");
        }
        if (isZero(header)) {
          break;
        }
        String name = longName != null ? longName : name(header);
        longName = null;
        long size = octal(header, 124, 12, archive);
        char type = (char) header[156];
        switch (type) {
          case 'L' -> longName = cString(readData(in, size, archive));
          case 'x' -> longName = paxPath(readData(in, size, archive));
          case '0', '\0', '7' -> {
            Path p = DatasetFolders.entryPath(dir, name, null, archive.toString());
            if (p != null) {
              Files.createDirectories(p.getParent());
              try (var out = Files.newOutputStream(p)) {
                copy(in, out, size, archive);
              }
              skipPadding(in, size, archive);
              if (++files % 1000 == 0) {
                progress.report(task, files, -1);
              }
            } else {
              skip(in, padded(size), archive);
            }
          }
          case '5' -> {
            Path p = DatasetFolders.entryPath(dir, name, null, archive.toString());
            if (p != null) {
              Files.createDirectories(p);
            }
            skip(in, padded(size), archive);
          }
          default -> skip(in, padded(size), archive); // links, global pax headers: not needed
        }
      }
    } catch (EOFException e) {
      throw new KilnException("archive " + archive + " is truncated: " + e.getMessage(), e);
    }
    return files;
  }

  private static String name(byte[] h) {
    String name = cString(h, 0, 100);
    boolean ustar = new String(h, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
    String prefix = ustar ? cString(h, 345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private static String paxPath(byte[] data) {
    // records "<len> key=value\n"
    String s = new String(data, StandardCharsets.UTF_8);
    for (String rec : s.split("\n")) {
      int sp = rec.indexOf(' ');
      if (sp > 0 && rec.startsWith("path=", sp + 1)) {
        return rec.substring(sp + 6);
      }
    }
    return null;
  }

  private static long octal(byte[] h, int off, int len, Path archive) {
    long v = 0;
    for (int i = off; i < off + len && h[i] != 0 && h[i] != ' '; i++) {
      if (h[i] < '0' || h[i] > '7') {
        throw new KilnException("archive " + archive + " has a corrupt tar header (size field '"
            + new String(h, off, len, StandardCharsets.US_ASCII).trim() + "')");
      }
      v = v * 8 + (h[i] - '0');
    }
    return v;
  }

  private static String cString(byte[] b) {
    return cString(b, 0, b.length);
  }

  private static String cString(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) {
      end++;
    }
    return new String(b, off, end - off, StandardCharsets.UTF_8);
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static long padded(long size) {
    return (size + BLOCK - 1) / BLOCK * BLOCK;
  }

  private static byte[] readData(InputStream in, long size, Path archive) throws IOException {
    byte[] data = new byte[(int) size];
    if (!readFully(in, data)) {
      throw new EOFException("inside a tar header extension");
    }
    skipPadding(in, size, archive);
    return data;
  }

  private static void copy(InputStream in, java.io.OutputStream out, long size, Path archive) throws IOException {
    byte[] buf = new byte[1 << 16];
    long left = size;
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        throw new EOFException("inside a file of " + size + " bytes");
      }
      out.write(buf, 0, n);
      left -= n;
    }
  }

  private static void skipPadding(InputStream in, long size, Path archive) throws IOException {
    skip(in, padded(size) - size, archive);
  }

  private static void skip(InputStream in, long n, Path archive) throws IOException {
    long left = n;
    while (left > 0) {
      long s = in.skip(left);
      if (s <= 0) {
        if (in.read() < 0) {
          throw new EOFException("while skipping " + n + " bytes");
        }
        s = 1;
      }
      left -= s;
    }
  }

  private static boolean readFully(InputStream in, byte[] b) throws IOException {
    int off = 0;
    while (off < b.length) {
      int n = in.read(b, off, b.length - off);
      if (n < 0) {
        if (off == 0) {
          return false;
        }
        throw new EOFException("inside a tar block");
      }
      off += n;
    }
    return true;
  }
}
