package kiln.util.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import kiln.api.KilnException;
import kiln.api.data.Dataset;

/** Lists folders of class sub-folders and installs extracted datasets atomically. */
public final class DatasetFolders {
  /** Written last into an installed dataset folder; holds the hash of what was installed. */
  public static final String COMPLETE_MARKER = DatasetHash.KILN_FILE_PREFIX + "complete";
  /** The per-file digest cache a provider keeps inside a dataset folder it installed. */
  public static final String HASH_CACHE = DatasetHash.KILN_FILE_PREFIX + "hashes";
  /** The image file extensions a dataset folder's samples may have (what javax.imageio reads). */
  public static final List<String> IMAGE_FILES = List.of(".png", ".jpg", ".jpeg", ".bmp");

  private DatasetFolders() {}

  /**
   * Lists {@code root}: every immediate sub-folder is a class holding the .wav files below it
   * (recursively, sorted). The content hash is {@link DatasetHash} over every file of the folder.
   *
   * @param version what the provider installed there (recorded in provenance), or null
   * @param hashCache where per-file digests are cached between listings, or null
   */
  public static Dataset list(String name, Path root, String version, Path hashCache) {
    return list(name, root, version, hashCache, List.of(".wav"));
  }

  /**
   * The same for sample files with one of these (lower-case) extensions, e.g. {@code .png} for an
   * image dataset.
   */
  public static Dataset list(String name, Path root, String version, Path hashCache, List<String> extensions) {
    if (!Files.isDirectory(root)) {
      throw new KilnException("dataset " + name + ": folder " + root + " does not exist");
    }
    Map<String, List<Path>> byClass = new TreeMap<>();
    try (Stream<Path> classes = Files.list(root)) {
      for (Path dir : classes.filter(Files::isDirectory).sorted().toList()) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
          files = walk.filter(p -> hasExtension(p, extensions))
              .filter(Files::isRegularFile).sorted().toList();
        }
        if (!files.isEmpty()) {
          byClass.put(dir.getFileName().toString(), new ArrayList<>(files));
        }
      }
    } catch (IOException e) {
      throw new KilnException("dataset " + name + ": cannot list " + root + ": " + e.getMessage(), e);
    }
    if (byClass.isEmpty()) {
      throw new KilnException("dataset " + name + ": folder " + root
          + " holds no class sub-folders with " + extensions + " files (expected <class>/<file>"
          + extensions.get(0) + ")");
    }
    return new Dataset(name, root, byClass, DatasetHash.of(root, hashCache), version);
  }

  private static boolean hasExtension(Path p, List<String> extensions) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return extensions.stream().anyMatch(n::endsWith);
  }

  /** The hash an installed dataset folder was marked with, or null when it is not complete. */
  public static String installedHash(Path target) {
    Path marker = target.resolve(COMPLETE_MARKER);
    try {
      return Files.isRegularFile(marker) ? Files.readString(marker).trim() : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Fills a fresh folder; throwing leaves nothing behind. */
  @FunctionalInterface
  public interface Filler {
    void fill(Path folder) throws IOException;
  }

  /**
   * Installs a dataset folder atomically: {@code filler} writes into a temporary sibling of
   * {@code target}, the marker is written, and the folder is moved into place (an older copy is
   * moved aside first and deleted after). On any failure the temporary folder is deleted and
   * {@code target} is left as it was.
   */
  public static void installAtomically(String name, Path target, String hash, Filler filler) {
    Path parent = target.toAbsolutePath().getParent();
    Path tmp = null;
    Path old = null;
    try {
      Files.createDirectories(parent);
      tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp-");
      filler.fill(tmp);
      Files.writeString(tmp.resolve(COMPLETE_MARKER), hash + "\n");
      if (Files.exists(target)) {
        old = Files.createTempDirectory(parent, "." + target.getFileName() + ".old-");
        Files.move(target, old.resolve("data"), StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      tmp = null;
    } catch (IOException e) {
      throw new KilnException("dataset " + name + ": cannot install into " + target + ": " + e, e);
    } finally {
      deleteQuietly(tmp);
      deleteQuietly(old);
    }
  }

  /**
   * Resolves an archive entry name inside {@code folder}, refusing absolute names and names that
   * climb out with "..". A leading "./" and {@code stripPrefix} (e.g. "yes_no/") are removed;
   * returns null for the folder itself.
   */
  public static Path entryPath(Path folder, String entryName, String stripPrefix, String archive) {
    String n = entryName.replace('\\', '/');
    while (n.startsWith("./")) {
      n = n.substring(2);
    }
    if (stripPrefix != null && n.startsWith(stripPrefix)) {
      n = n.substring(stripPrefix.length());
    }
    if (n.isEmpty() || n.equals(".")) {
      return null;
    }
    Path p = folder.resolve(n).normalize();
    if (n.startsWith("/") || !p.startsWith(folder.normalize())) {
      throw new KilnException("archive " + archive + ": entry '" + entryName + "' points outside the dataset folder");
    }
    return p;
  }

  /** Copies a stream to a new file, creating its folders. */
  public static void write(InputStream in, Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
  }

  /** A fresh SHA-256 digest. */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  /** Deletes a folder tree if it exists, ignoring errors. */
  public static void deleteQuietly(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
          Files.deleteIfExists(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      // best effort
    }
  }
}
