package kiln.datasets.cifar10;

import java.nio.file.Path;
import java.util.List;
import kiln.api.KilnException;
import kiln.api.Progress;
import kiln.api.data.Dataset;
import kiln.api.data.DatasetProvider;
import kiln.util.KilnHome;
import kiln.util.data.DatasetFolders;
import kiln.util.data.IdxDataset;
import org.osgi.service.component.annotations.Component;

/**
 * {@code cifar10}: CIFAR-10, 50,000 training and 10,000 test 32x32 RGB images of 10 classes.
 * {@code dataset = "cifar10:/path"} reads the extracted {@code cifar-10-batches-bin} folder of
 * {@code cifar-10-binary.tar.gz}; plain {@code cifar10} reads {@code -Dkiln.dataset.cifar10.dir}.
 * There is no download: Kiln's downloader verifies SHA-256, and only an MD5 is published for the
 * archive. The batches are expanded once into PNG class folders with the test images as the
 * validation split.
 */
@Component(property = {"kiln.name=cifar10",
    "kiln.description=CIFAR-10, 60,000 32x32 RGB images of 10 classes (cifar10:/extracted cifar-10-batches-bin folder)"})
public final class Cifar10Provider implements DatasetProvider {
  public static final String NAME = "cifar10";
  /** Label order of the binary batches, as {@code batches.meta.txt} lists them. */
  public static final List<String> CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
      "horse", "ship", "truck");
  /** What an expanded folder is marked with; changes when the layout does. */
  static final String LAYOUT = "cifar10 bin->png v1";
  static final String PROPERTY = "kiln.dataset." + NAME + ".dir";
  static final String ARCHIVE = "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz";

  @Override
  public String description() {
    return "CIFAR-10, 60,000 32x32 RGB images of 10 classes (cifar10:/extracted cifar-10-batches-bin folder)";
  }

  @Override
  public Dataset load(Progress progress) {
    String dir = System.getProperty(PROPERTY);
    Path target = KilnHome.datasets().resolve(NAME);
    if ((dir == null || dir.isBlank()) && LAYOUT.equals(DatasetFolders.installedHash(target))) {
      return IdxDataset.withTestSplit(NAME, target, LAYOUT); // expanded before: the batches are not needed
    }
    if (dir == null || dir.isBlank()) {
      throw new KilnException("dataset cifar10 is not downloaded automatically: extract " + ARCHIVE
          + " and use dataset = \"cifar10:/path/to/cifar-10-batches-bin\" or -D" + PROPERTY + "=that folder");
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
