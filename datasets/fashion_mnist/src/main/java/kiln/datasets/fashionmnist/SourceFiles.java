package kiln.datasets.fashionmnist;

import java.nio.file.Path;
import java.util.List;
import kiln.util.data.IdxFiles;

/**
 * Where the four Fashion-MNIST files come from: Debian's {@code dataset-fashion-mnist} package
 * installs them in {@link #DEBIAN_DIR}; else they are downloaded from {@link #URL} with their
 * published sizes and SHA-256.
 */
final class SourceFiles {
  static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");
  static final String URL = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";

  static final List<IdxFiles.Remote> FILES = List.of(
      new IdxFiles.Remote("train-images-idx3-ubyte.gz", 26_421_880L,
          "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84"),
      new IdxFiles.Remote("train-labels-idx1-ubyte.gz", 29_515L,
          "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845"),
      new IdxFiles.Remote("t10k-images-idx3-ubyte.gz", 4_422_102L,
          "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073"),
      new IdxFiles.Remote("t10k-labels-idx1-ubyte.gz", 5_148L,
          "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5"));

  private SourceFiles() {}

  /** The files in {@code dir} when all four are there, else null. */
  static IdxFiles local(Path dir) {
    return IdxFiles.local(dir, FILES);
  }
}
