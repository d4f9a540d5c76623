package kiln.util.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kiln.api.KilnException;

/**
 * The content hash of a dataset folder: SHA-256 of the manifest {@code sha256sum} prints for every
 * regular file below the folder (links to files count as their target; Kiln's own {@code .kiln-*}
 * files at the top are left out), the files sorted by relative path in UTF-8 byte order:
 *
 * <pre>{@code <SHA-256 of the file's bytes, lower-case hex>  <relative path, '/'-separated>\n}</pre>
 *
 * so that, for a folder without links,
 *
 * <pre>{@code cd DIR && find . -type f ! -path './.kiln-*' -printf '%P\0' | LC_ALL=C sort -z \
 *   | xargs -0 sha256sum | sha256sum}</pre>
 *
 * prints the same digest. Any change of a file's bytes, name or presence changes it.
 *
 * <p>Reading 2.4 GB of Speech Commands takes a while, so each file's digest is cached in {@code
 * cacheFile}, keyed by relative path, size and modification time: a later listing re-reads only
 * files whose size or time changed (as make and git do). Files modified in the last two seconds are
 * never cached, so a change within the file system's time granularity is not missed. A missing or
 * unwritable cache only costs time.
 */
public final class DatasetHash {
  /** Files at the top of a dataset folder with this prefix are Kiln's own (marker, hash cache). */
  public static final String KILN_FILE_PREFIX = ".kiln-";
  private static final long RACY_NANOS = TimeUnit.SECONDS.toNanos(2);

  private DatasetHash() {}

  /**
   * The content hash of {@code root}.
   *
   * @param cacheFile where per-file digests are kept between runs, or null for none
   * @throws KilnException naming the folder when a file cannot be read
   */
  public static String of(Path root, Path cacheFile) {
    Map<String, Entry> cache = read(cacheFile);
    Map<String, Entry> next = new HashMap<>();
    MessageDigest manifest = DatasetFolders.sha256();
    long now = System.currentTimeMillis() * 1_000_000L;
    boolean changed = false;
    try {
      for (String rel : files(root)) {
        Path file = root.resolve(rel);
        long size = Files.size(file);
        long mtime = Files.getLastModifiedTime(file).to(TimeUnit.NANOSECONDS);
        Entry e = cache.get(rel);
        if (e == null || e.size != size || e.mtime != mtime) {
          e = new Entry(size, mtime, digest(file));
          changed = true;
        }
        if (now - mtime >= RACY_NANOS) {
          next.put(rel, e);
        }
        manifest.update(line(e.sha256, rel).getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new KilnException("dataset folder " + root + ": cannot hash its files: " + e, e);
    }
    if (changed || !next.keySet().equals(cache.keySet())) {
      write(cacheFile, next);
    }
    return HexFormat.of().formatHex(manifest.digest());
  }

  /** The relative paths of the hashed files, '/'-separated, in UTF-8 byte order. */
  static List<String> files(Path root) throws IOException {
    List<String> rel = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        String r = root.relativize(p).toString().replace('\\', '/');
        boolean kilns = p.getParent() != null && p.getParent().equals(root)
            && r.startsWith(KILN_FILE_PREFIX);
        if (!kilns && Files.isRegularFile(p)) {
          rel.add(r);
        }
      }
    }
    rel.sort((a, b) -> Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
    return rel;
  }

  /** A manifest line as GNU sha256sum writes it (names with '\' or newline escaped). */
  static String line(String sha256, String rel) {
    if (rel.indexOf('\\') < 0 && rel.indexOf('\n') < 0) {
      return sha256 + "  " + rel + "\n";
    }
    return "\\" + sha256 + "  " + rel.replace("\\", "\\\\").replace("\n", "\\n") + "\n";
  }

  private static String digest(Path file) throws IOException {
    MessageDigest md = DatasetFolders.sha256();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private record Entry(long size, long mtime, String sha256) {}

  /** Cache lines: size, modification time (ns), digest, relative path; tab-separated. */
  private static Map<String, Entry> read(Path cacheFile) {
    Map<String, Entry> m = new HashMap<>();
    if (cacheFile == null || !Files.isRegularFile(cacheFile, LinkOption.NOFOLLOW_LINKS)) {
      return m;
    }
    try {
      for (String line : Files.readAllLines(cacheFile, StandardCharsets.UTF_8)) {
        String[] f = line.split("\t", 4);
        if (f.length == 4 && f[2].length() == 64) {
          m.put(f[3], new Entry(Long.parseLong(f[0]), Long.parseLong(f[1]), f[2]));
        }
      }
    } catch (IOException | RuntimeException e) {
      m.clear(); // a damaged cache is only rebuilt
    }
    return m;
  }

  private static void write(Path cacheFile, Map<String, Entry> entries) {
    if (cacheFile == null) {
      return;
    }
    StringBuilder b = new StringBuilder();
    entries.forEach((rel, e) -> {
      if (rel.indexOf('\n') < 0) {
        b.append(e.size).append('\t').append(e.mtime).append('\t').append(e.sha256).append('\t')
            .append(rel).append('\n');
      }
    });
    Path dir = cacheFile.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, KILN_FILE_PREFIX + "hashes", ".tmp");
      Files.writeString(tmp, b, StandardCharsets.UTF_8);
      Files.move(tmp, cacheFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      tmp = null;
    } catch (IOException e) {
      // best effort: without the cache the next listing reads every file again
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          // nothing more to do
        }
      }
    }
  }
}
