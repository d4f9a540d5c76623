package kiln.datasets.fashionmnist;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.api.Progress;
import kiln.util.data.Download;

/**
 * The four Fashion-MNIST files: from a local folder when it has all four (Debian's
 * {@code dataset-fashion-mnist} package installs them in {@link #DEBIAN_DIR}), else downloaded once
 * from the published location with their published sizes and SHA-256 (range resume, progress).
 */
record SourceFiles(Path trainImages, Path trainLabels, Path testImages, Path testLabels, String origin) {
  static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");
  static final String URL = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";

  /** A file of the dataset: its name, published size and SHA-256. */
  record Remote(String name, long size, String sha256) {}

  static final List<Remote> FILES = List.of(
      new Remote("train-images-idx3-ubyte.gz", 26_421_880L,
          "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84"),
      new Remote("train-labels-idx1-ubyte.gz", 29_515L,
          "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845"),
      new Remote("t10k-images-idx3-ubyte.gz", 4_422_102L,
          "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073"),
      new Remote("t10k-labels-idx1-ubyte.gz", 5_148L,
          "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5"));

  /** The files in {@code dir} when all four are there, else null. */
  static SourceFiles local(Path dir) {
    for (Remote r : FILES) {
      if (!Files.isRegularFile(dir.resolve(r.name()))) {
        return null;
      }
    }
    return of(dir, "local folder " + dir);
  }

  /** Downloads what is missing from {@code baseUrl} into {@code downloads}. */
  static SourceFiles download(String baseUrl, List<Remote> files, Path downloads, Progress progress) {
    Map<String, Path> got = new LinkedHashMap<>();
    String base = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
    for (Remote r : files) {
      got.put(r.name(), Download.fetch(base + r.name(), r.size(), r.sha256(), downloads.resolve(r.name()),
          "downloading fashion_mnist " + r.name(), progress));
    }
    return of(downloads, base);
  }

  private static SourceFiles of(Path dir, String origin) {
    return new SourceFiles(dir.resolve(FILES.get(0).name()), dir.resolve(FILES.get(1).name()),
        dir.resolve(FILES.get(2).name()), dir.resolve(FILES.get(3).name()), origin);
  }
}
