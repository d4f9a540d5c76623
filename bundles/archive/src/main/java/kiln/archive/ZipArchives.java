package kiln.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import kiln.util.AtomicFiles;
import kiln.api.KilnException;

/**
 * Reads, lists and updates zip archives. Updates are atomic: the new archive is written to a
 * temporary file next to the old one and moved over it, so a crash leaves either the old or the
 * new archive, never half of one.
 */
public final class ZipArchives {
  private ZipArchives() {}

  /**
   * One entry of an archive.
   *
   * @param name its path inside the archive
   * @param size uncompressed bytes
   * @param compressedSize stored bytes
   * @param modified when it was last written
   */
  public record Entry(String name, long size, long compressedSize, Instant modified) {}

  /**
   * Every file entry with its content, in archive order.
   *
   * @throws KilnException naming the file when it is missing or not a zip archive
   */
  public static Map<String, byte[]> read(Path file) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    ArchiveLimits limits = new ArchiveLimits(file.toString());
    try (ZipFile z = open(file)) {
      Enumeration<? extends ZipEntry> en = z.entries();
      while (en.hasMoreElements()) {
        ZipEntry e = en.nextElement();
        if (!e.isDirectory()) {
          try (InputStream in = z.getInputStream(e)) {
            out.put(e.getName(), limits.read(e, in));
          }
        }
      }
    } catch (IOException e) {
      throw new KilnException("cannot read archive " + file + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** One entry's content, or null when the archive has no such entry. */
  public static byte[] readEntry(Path file, String name) {
    try (ZipFile z = open(file)) {
      ZipEntry e = z.getEntry(name);
      if (e == null || e.isDirectory()) {
        return null;
      }
      try (InputStream in = z.getInputStream(e)) {
        return new ArchiveLimits(file.toString()).read(e, in);
      }
    } catch (IOException e) {
      throw new KilnException("cannot read archive " + file + ": " + e.getMessage(), e);
    }
  }

  /** The file entries with sizes and dates, in archive order. */
  public static List<Entry> list(Path file) {
    List<Entry> out = new ArrayList<>();
    try (ZipFile z = open(file)) {
      Enumeration<? extends ZipEntry> en = z.entries();
      while (en.hasMoreElements()) {
        ZipEntry e = en.nextElement();
        if (!e.isDirectory()) {
          FileTime t = e.getLastModifiedTime();
          out.add(new Entry(e.getName(), e.getSize(), e.getCompressedSize(),
              t == null ? Instant.EPOCH : t.toInstant()));
        }
      }
    } catch (IOException e) {
      throw new KilnException("cannot read archive " + file + ": " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * Adds, replaces and removes entries, creating the archive when missing. Entries keep their
   * order; new ones go at the end. A null value removes that entry; a name ending in {@code /}
   * with a null value removes every entry under that folder (to replace a folder, remove it and
   * add its new files in the same call).
   *
   * @throws KilnException naming the archive when it cannot be read or written
   */
  public static void update(Path file, Map<String, byte[]> changes) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    Map<String, FileTime> times = new LinkedHashMap<>();
    if (Files.exists(file)) {
      ArchiveLimits limits = new ArchiveLimits(file.toString());
      try (ZipFile z = open(file)) {
        Enumeration<? extends ZipEntry> en = z.entries();
        while (en.hasMoreElements()) {
          ZipEntry e = en.nextElement();
          if (!e.isDirectory()) {
            try (InputStream in = z.getInputStream(e)) {
              entries.put(e.getName(), limits.read(e, in));
              times.put(e.getName(), e.getLastModifiedTime());
            }
          }
        }
      } catch (IOException e) {
        throw new KilnException("cannot read archive " + file + ": " + e.getMessage(), e);
      }
    }
    for (Map.Entry<String, byte[]> c : changes.entrySet()) {
      String name = checkName(c.getKey());
      if (c.getValue() == null) {
        if (name.endsWith("/")) {
          entries.keySet().removeIf(k -> k.startsWith(name));
        } else {
          entries.remove(name);
        }
      }
    }
    FileTime now = FileTime.from(Instant.now());
    for (Map.Entry<String, byte[]> c : changes.entrySet()) {
      if (c.getValue() != null) {
        entries.put(c.getKey(), c.getValue());
        times.put(c.getKey(), now);
      }
    }
    writeAtomically(file, entries, times);
  }

  /**
   * Writes the archive anew with exactly these entries (nothing of a previous archive is kept; null
   * values, which {@link #update} reads as removals, are left out), atomically: a crash leaves the
   * previous archive or the complete new one.
   */
  public static void write(Path file, Map<String, byte[]> entries) {
    Map<String, byte[]> kept = new LinkedHashMap<>();
    Map<String, FileTime> times = new LinkedHashMap<>();
    FileTime now = FileTime.from(Instant.now());
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      if (e.getValue() != null) {
        kept.put(checkName(e.getKey()), e.getValue());
        times.put(e.getKey(), now);
      }
    }
    writeAtomically(file, kept, times);
  }

  private static void writeAtomically(
      Path file, Map<String, byte[]> entries, Map<String, FileTime> times) {
    try {
      AtomicFiles.writeOrThrow(file, os -> {
        try (ZipOutputStream zip = new ZipOutputStream(os)) {
          for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            ZipEntry ze = new ZipEntry(e.getKey());
            FileTime t = times.get(e.getKey());
            if (t != null) {
              ze.setLastModifiedTime(t);
            }
            zip.putNextEntry(ze);
            zip.write(e.getValue());
            zip.closeEntry();
          }
        }
      });
    } catch (IOException e) {
      throw new KilnException("cannot write archive " + file + ": " + e.getMessage(), e);
    }
  }

  private static String checkName(String name) {
    return ArchiveLimits.checkName(name);
  }

  private static ZipFile open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new KilnException("archive " + file + ": no such file");
    }
    try {
      return new ZipFile(file.toFile());
    } catch (ZipException e) {
      throw new KilnException("archive " + file + ": not a zip archive (" + e.getMessage() + ")");
    }
  }
}
