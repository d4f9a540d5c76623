package kiln.datasets.rockpaperscissors;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kiln.api.KilnException;
import kiln.api.Progress;
import kiln.util.data.DatasetFolders;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZFile;

/**
 * Extracts a 7-Zip archive (read by Apache Commons Compress, LZMA/LZMA2 by XZ for Java): regular
 * files and folders only, each inside the target folder. Links are refused, a decoder may use at
 * most {@link #MEMORY_LIMIT_KIB} KiB (a crafted header cannot make it allocate gigabytes), and a single
 * folder every entry sits in is removed, as MLTK does for its dataset archives.
 */
final class SevenZip {
  static final int MEMORY_LIMIT_KIB = 256 * 1024;
  /** Unix mode bits stored in the high half of the attributes when this flag is set. */
  private static final int UNIX_EXTENSION = 0x8000;
  private static final int S_IFMT = 0xF000;
  private static final int S_IFLNK = 0xA000;
  private static final int WINDOWS_REPARSE_POINT = 0x400;

  private SevenZip() {}

  /** Extracts {@code archive} into {@code dir}; returns the number of files written. */
  static int extract(Path archive, Path dir, String task, Progress progress) {
    try (SevenZFile z = SevenZFile.builder().setPath(archive).setMaxMemoryLimitKiB(MEMORY_LIMIT_KIB).get()) {
      List<SevenZArchiveEntry> entries = new ArrayList<>();
      z.getEntries().forEach(entries::add);
      String root = commonRoot(entries);
      long total = entries.stream().filter(e -> !e.isDirectory()).count();
      int files = 0;
      for (SevenZArchiveEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
        if (isLink(e)) {
          throw new KilnException("archive " + archive + ": entry '" + e.getName() + "' is a link; links are not extracted");
        }
        if (e.isAntiItem()) {
          continue; // a deletion marker of an update archive: nothing to write
        }
        Path p = DatasetFolders.entryPath(dir, e.getName(), root, archive.toString());
        if (p == null) {
          continue;
        }
        if (e.isDirectory()) {
          Files.createDirectories(p);
          continue;
        }
        try (InputStream in = z.getInputStream(e)) {
          DatasetFolders.write(in, p);
        }
        if (++files % 200 == 0 || files == total) {
          progress.report(task, files, total);
        }
      }
      return files;
    } catch (KilnException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // Commons Compress signals a cut or damaged archive with IOExceptions and, for some crafted
      // headers, with runtime exceptions: both mean the file is not a usable 7-Zip archive
      throw new KilnException("archive " + archive + " is not a readable 7-Zip archive (truncated or damaged?): "
          + e.getMessage(), e);
    }
  }

  /** "root/" when every entry lies in one top folder (and something lies below it), else null. */
  static String commonRoot(List<SevenZArchiveEntry> entries) {
    String root = null;
    boolean below = false;
    for (SevenZArchiveEntry e : entries) {
      String n = e.getName() == null ? "" : e.getName().replace('\\', '/');
      int slash = n.indexOf('/');
      String first = slash < 0 ? n : n.substring(0, slash);
      if (slash < 0 && !e.isDirectory()) {
        return null; // a file at the top
      }
      if (root != null && !root.equals(first)) {
        return null;
      }
      root = first;
      below |= slash >= 0 && slash < n.length() - 1;
    }
    return root != null && below ? root + "/" : null;
  }

  private static boolean isLink(SevenZArchiveEntry e) {
    if (!e.getHasWindowsAttributes()) {
      return false;
    }
    int a = e.getWindowsAttributes();
    boolean unixLink = (a & UNIX_EXTENSION) != 0 && ((a >>> 16) & S_IFMT) == S_IFLNK;
    return unixLink || (a & WINDOWS_REPARSE_POINT) != 0;
  }
}
