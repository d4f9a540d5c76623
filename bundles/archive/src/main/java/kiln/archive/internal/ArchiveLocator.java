package kiln.archive.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import kiln.api.KilnException;
import kiln.archive.ArchiveLayout;

/**
 * Finds the archive a user names: an existing file, or {@code NAME.kiln.zip} in the current
 * folder or (recursively) in a folder of {@code KILN_MODEL_PATH} (path-separator separated), the
 * places model specifications are found.
 */
final class ArchiveLocator {
  private final Path cwd;
  private final List<Path> modelPath;

  ArchiveLocator(Path cwd, List<Path> modelPath) {
    this.cwd = cwd;
    this.modelPath = modelPath;
  }

  /** The current folder and {@code KILN_MODEL_PATH} (system property {@code kiln.model.path} wins). */
  static ArchiveLocator fromEnvironment() {
    String path = System.getProperty("kiln.model.path");
    if (path == null) {
      path = System.getenv("KILN_MODEL_PATH");
    }
    List<Path> dirs = new ArrayList<>();
    if (path != null) {
      for (String p : path.split(java.io.File.pathSeparator)) {
        if (!p.isBlank()) {
          dirs.add(Paths.get(p));
        }
      }
    }
    return new ArchiveLocator(Paths.get("").toAbsolutePath(), dirs);
  }

  Path locate(String nameOrFile) {
    if (nameOrFile == null || nameOrFile.isBlank()) {
      throw new KilnException("archive: expected a model name or an archive file, found nothing");
    }
    Path direct = cwd.resolve(nameOrFile);
    if (Files.isRegularFile(direct)) {
      return direct;
    }
    if (nameOrFile.contains("/") || nameOrFile.endsWith(".zip")) {
      throw new KilnException("archive " + nameOrFile + ": no such file");
    }
    String fileName = ArchiveLayout.archiveFileName(nameOrFile);
    Path here = cwd.resolve(fileName);
    if (Files.isRegularFile(here)) {
      return here;
    }
    for (Path dir : modelPath) {
      Optional<Path> found = find(dir, fileName);
      if (found.isPresent()) {
        return found.get();
      }
    }
    throw new KilnException(
        "archive of model " + nameOrFile + ": found no " + fileName + " in " + cwd
            + (modelPath.isEmpty() ? "" : " nor in KILN_MODEL_PATH " + modelPath)
            + " (train the model first, or name the archive file)");
  }

  private static Optional<Path> find(Path dir, String fileName) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.getFileName().toString().equals(fileName))
          .filter(Files::isRegularFile)
          .sorted()
          .findFirst();
    } catch (IOException | java.io.UncheckedIOException e) {
      return Optional.empty();
    }
  }
}
