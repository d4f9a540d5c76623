package kiln.datasets.cifar10;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kiln.api.KilnException;
import kiln.api.Progress;
import kiln.api.data.Dataset;
import kiln.api.data.DatasetProvider;
import kiln.util.KilnHome;
import kiln.util.archive.TarGz;
import kiln.util.data.Checksum;
import kiln.util.data.Download;
import kiln.util.data.DatasetFolders;
import kiln.util.data.IdxDataset;
import org.osgi.service.component.annotations.Component;

/**
 * {@code cifar10}: CIFAR-10, 50,000 training and 10,000 test 32x32 RGB images of 10 classes.
 * {@code dataset = "cifar10:/path"} reads the extracted {@code cifar-10-batches-bin} folder of
 * {@code cifar-10-binary.tar.gz}; plain {@code cifar10} reads {@code -Dkiln.dataset.cifar10.dir}
 * when set, else downloads the archive (162 MB, checked against the size and MD5 the dataset's
 * page publishes, resumable). The batches are expanded once into PNG class folders with the test
 * images as the validation split; the archive is deleted afterwards.
 */
@Component(property = {"kiln.name=cifar10",
    "kiln.description=CIFAR-10, 60,000 32x32 RGB images of 10 classes (162 MB download, or cifar10:/extracted cifar-10-batches-bin folder)"})
public final class Cifar10Provider implements DatasetProvider {
  public static final String NAME = "cifar10";
  /** Label order of the binary batches, as {@code batches.meta.txt} lists them. */
  public static final List<String> CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
      "horse", "ship", "truck");
  /** What an expanded folder is marked with; changes when the layout does. */
  static final String LAYOUT = "cifar10 bin->png v1";
  static final String PROPERTY = "kiln.dataset." + NAME + ".dir";
  static final String ARCHIVE = "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz";
  /** Published on https://www.cs.toronto.edu/~kriz/cifar.html for the binary version. */
  static final long ARCHIVE_SIZE = 170_052_171L;
  static final Checksum ARCHIVE_MD5 = Checksum.md5("c32a1d4ab5d03f1284b67883e8d87530");
  static final String BATCHES = "cifar-10-batches-bin";

  @Override
  public String description() {
    return "CIFAR-10, 60,000 32x32 RGB images of 10 classes (162 MB download, or cifar10:/extracted cifar-10-batches-bin folder)";
  }

  @Override
  public Dataset load(Progress progress) {
    String dir = System.getProperty(PROPERTY);
    Path target = KilnHome.datasets().resolve(NAME);
    if ((dir == null || dir.isBlank()) && LAYOUT.equals(DatasetFolders.installedHash(target))) {
      return IdxDataset.withTestSplit(NAME, target, LAYOUT); // expanded before: the batches are not needed
    }
    if (dir == null || dir.isBlank()) {
      return download(System.getProperty("kiln.dataset." + NAME + ".url", ARCHIVE), ARCHIVE_SIZE, ARCHIVE_MD5,
          KilnHome.datasets(), progress);
    }
    return load(dir, progress);
  }

  /** The batch files must be in {@code location}. */
  @Override
  public Dataset load(String location, Progress progress) {
    if (location == null || location.isBlank()) {
      return load(progress);
    }
    Path dir = Path.of(location.startsWith("~/") ? System.getProperty("user.home") + location.substring(1) : location);
    return load(dir, KilnHome.datasets(), progress);
  }

  /** Downloads the archive from {@code url}, extracts its batches and expands them. */
  static Dataset download(String url, long size, Checksum checksum, Path datasetsDir, Progress progress) {
    Path target = datasetsDir.resolve(NAME);
    if (LAYOUT.equals(DatasetFolders.installedHash(target))) {
      return IdxDataset.withTestSplit(NAME, target, LAYOUT);
    }
    Path downloads = datasetsDir.resolve(".downloads");
    Path archive = Download.fetch(url, size, checksum, downloads.resolve("cifar-10-binary.tar.gz"),
        "downloading " + NAME, progress);
    Path extracted = null;
    try {
      extracted = Files.createTempDirectory(Files.createDirectories(downloads), "cifar10-");
      TarGz.extract(archive, extracted, "extracting " + NAME, progress);
      Path batches = extracted.resolve(BATCHES);
      if (!Files.isDirectory(batches)) {
        throw new KilnException("archive " + archive + " has no " + BATCHES + " folder (expected the binary"
            + " version of CIFAR-10 from " + ARCHIVE + ")");
      }
      Dataset d = load(batches, datasetsDir, progress);
      Files.deleteIfExists(archive); // the PNG folders are what is kept
      return d;
    } catch (IOException e) {
      throw new KilnException("dataset cifar10: cannot extract " + archive + ": " + e.getMessage(), e);
    } finally {
      DatasetFolders.deleteQuietly(extracted);
    }
  }

  static Dataset load(Path src, Path datasetsDir, Progress progress) {
    Path target = datasetsDir.resolve(NAME);
    if (!LAYOUT.equals(DatasetFolders.installedHash(target))) {
      List<String> missing = CifarPngs.missing(src);
      if (!missing.isEmpty()) {
        throw new KilnException("dataset cifar10: folder " + src + " lacks " + missing
            + " (expected the extracted cifar-10-batches-bin folder of " + ARCHIVE + ")");
      }
      DatasetFolders.installAtomically(NAME, target, LAYOUT, dir -> {
        int n = CifarPngs.expand(NAME, src, CLASSES, dir, progress);
        progress.message("expanded " + n + " " + NAME + " images from " + src + " into " + target);
      });
    }
    return IdxDataset.withTestSplit(NAME, target, LAYOUT);
  }
}
