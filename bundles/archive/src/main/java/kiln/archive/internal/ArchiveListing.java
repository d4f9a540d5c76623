package kiln.archive.internal;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import kiln.archive.ArchiveReader;
import kiln.archive.ZipArchives;

/** The text {@code kiln:archive} prints: a header line and one line per entry. */
final class ArchiveListing {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private ArchiveListing() {}

  static String of(Path file, ZoneId zone) {
    ArchiveReader reader = ArchiveReader.open(file);
    List<ZipArchives.Entry> entries = ZipArchives.list(file);
    long total = 0;
    int width = 4;
    for (ZipArchives.Entry e : entries) {
      total += e.size();
      width = Math.max(width, e.name().length());
    }
    StringBuilder s = new StringBuilder();
    s.append(file).append('\n');
    s.append("model ").append(reader.model()).append(", ")
        .append(reader.formatVersion() == 0
            ? "no Kiln manifest (MLTK or other archive)"
            : "archive format " + reader.formatVersion())
        .append(", ").append(entries.size()).append(entries.size() == 1 ? " entry, " : " entries, ")
        .append(String.format(Locale.ROOT, "%,d", total)).append(" bytes\n");
    s.append(String.format(Locale.ROOT, "%12s %12s  %-19s  %s%n", "size", "compressed", "modified", "name"));
    for (ZipArchives.Entry e : entries) {
      s.append(String.format(Locale.ROOT, "%,12d %,12d  %s  %s%n", e.size(), e.compressedSize(),
          DATE.format(e.modified().atZone(zone)), e.name()));
    }
    return s.toString();
  }
}
