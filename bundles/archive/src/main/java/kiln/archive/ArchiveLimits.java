package kiln.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipEntry;
import kiln.api.KilnException;

/**
 * Bounds on what reading an archive may cost, because archives come from other people: an entry is
 * streamed and counted, never trusted for its declared size, and reading stops at the first bound
 * it crosses with an error naming the archive and the entry. The bounds are system properties.
 */
final class ArchiveLimits {
  /** Largest entry, uncompressed ({@code kiln.archive.maxEntryBytes}, default 512 MiB). */
  static final long MAX_ENTRY = Long.getLong("kiln.archive.maxEntryBytes", 512L << 20);
  /** All entries together, uncompressed ({@code kiln.archive.maxTotalBytes}, default 2 GiB). */
  static final long MAX_TOTAL = Long.getLong("kiln.archive.maxTotalBytes", 2L << 30);
  /** Largest uncompressed/compressed ratio of an entry over 1 MiB ({@code kiln.archive.maxRatio}). */
  static final long MAX_RATIO = Long.getLong("kiln.archive.maxRatio", 200);
  private static final long RATIO_FLOOR = 1 << 20;

  private long total;
  private final String archive;

  ArchiveLimits(String archive) {
    this.archive = archive;
  }

  /** Reads one entry within the bounds. */
  byte[] read(ZipEntry e, InputStream in) throws IOException {
    String name = checkName(e.getName());
    long compressed = Math.max(1, e.getCompressedSize());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[64 * 1024];
    long n = 0;
    for (int r; (r = in.read(buf)) > 0; ) {
      n += r;
      total += r;
      if (n > MAX_ENTRY) {
        throw new KilnException("archive " + archive + ": entry " + name + " is larger than " + MAX_ENTRY
            + " bytes (kiln.archive.maxEntryBytes)");
      }
      if (total > MAX_TOTAL) {
        throw new KilnException("archive " + archive + ": its entries hold more than " + MAX_TOTAL
            + " bytes (kiln.archive.maxTotalBytes), reached at entry " + name);
      }
      if (n > RATIO_FLOOR && e.getCompressedSize() >= 0 && n / compressed > MAX_RATIO) {
        throw new KilnException("archive " + archive + ": entry " + name + " expands more than " + MAX_RATIO
            + " times (" + compressed + " bytes stored); refusing a possible zip bomb (kiln.archive.maxRatio)");
      }
      out.write(buf, 0, r);
    }
    return out.toByteArray();
  }

  /** An entry name must be a relative path inside the archive. */
  static String checkName(String name) {
    if (name == null || name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains("\0")
        || name.equals("..") || name.startsWith("../") || name.contains("/../") || name.endsWith("/..")
        || name.matches("^[A-Za-z]:.*")) {
      throw new KilnException("archive entry name '" + name + "': expected a relative path with '/' separators"
          + " that stays inside the archive");
    }
    return name;
  }
}
