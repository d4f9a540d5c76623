package kiln.util.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kiln.api.Progress;

/**
 * The four gzipped IDX files of an MNIST-format dataset (train images and labels, test images and
 * labels, in that order in {@link Remote} lists): from a local folder when it has all four, else
 * downloaded once from a published location with their published sizes and SHA-256.
 */
public record IdxFiles(Path trainImages, Path trainLabels, Path testImages, Path testLabels, String origin) {
  /** A file of the dataset: its name, published size and SHA-256. */
  public record Remote(String name, long size, String sha256) {}

  /** The files in {@code dir} when all four are there, else null. */
  public static IdxFiles local(Path dir, List<Remote> files) {
    for (Remote r : files) {
      if (!Files.isRegularFile(dir.resolve(r.name()))) {
        return null;
      }
    }
    return of(dir, files, "local folder " + dir);
  }

  /** Downloads what is missing from {@code baseUrl} into {@code downloads}. */
  public static IdxFiles download(String dataset, String baseUrl, List<Remote> files, Path downloads,
      Progress progress) {
    String base = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
    for (Remote r : files) {
      Download.fetch(base + r.name(), r.size(), r.sha256(), downloads.resolve(r.name()),
          "downloading " + dataset + " " + r.name(), progress);
    }
    return of(downloads, files, base);
  }

  private static IdxFiles of(Path dir, List<Remote> files, String origin) {
    return new IdxFiles(dir.resolve(files.get(0).name()), dir.resolve(files.get(1).name()),
        dir.resolve(files.get(2).name()), dir.resolve(files.get(3).name()), origin);
  }
}
