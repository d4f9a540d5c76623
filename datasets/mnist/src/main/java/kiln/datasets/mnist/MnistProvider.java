package kiln.datasets.mnist;

import java.nio.file.Path;
import java.util.List;
import kiln.api.KilnException;
import kiln.api.Progress;
import kiln.api.data.Dataset;
import kiln.api.data.DatasetProvider;
import kiln.util.KilnHome;
import kiln.util.data.IdxDataset;
import kiln.util.data.IdxFiles;
import org.osgi.service.component.annotations.Component;

/**
 * {@code mnist}: the MNIST handwritten digits, 60,000 training and 10,000 test 28x28 gray images of
 * the classes {@code 0} .. {@code 9}. {@code dataset = "mnist:/path"} reads the four IDX files from
 * that folder; plain {@code mnist} reads them from {@code -Dkiln.dataset.mnist.dir} when it has them,
 * else downloads them once ({@link MnistFiles}, verified; {@code .url} points at a mirror).
 * {@link IdxDataset} expands them into PNG class folders with the test images as the validation split.
 */
@Component(property = {"kiln.name=mnist",
    "kiln.description=MNIST, 70,000 28x28 gray handwritten digits (mnist:/folder of the IDX files, or 11 MB download)"})
public final class MnistProvider implements DatasetProvider {
  public static final String NAME = "mnist";
  public static final List<String> CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
  /** What an expanded folder is marked with; changes when the layout does. */
  static final String LAYOUT = "mnist idx->png v1";
  static final String PROPERTY = "kiln.dataset." + NAME + ".";

  @Override
  public String description() {
    return "MNIST, 70,000 28x28 gray handwritten digits (mnist:/folder of the IDX files, or 11 MB download)";
  }

  @Override
  public Dataset load(Progress progress) {
    String dir = System.getProperty(PROPERTY + "dir");
    Path local = dir == null || dir.isBlank() ? KilnHome.datasets().resolve(".downloads").resolve(NAME) : Path.of(dir);
    return load(local, System.getProperty(PROPERTY + "url", MnistFiles.URL), MnistFiles.FILES, KilnHome.datasets(),
        progress);
  }

  /** The four files must be in {@code location}: a named folder is never replaced by a download. */
  @Override
  public Dataset load(String location, Progress progress) {
    if (location == null || location.isBlank()) {
      return load(progress);
    }
    Path dir = Path.of(location.startsWith("~/") ? System.getProperty("user.home") + location.substring(1) : location);
    if (IdxFiles.local(dir, MnistFiles.FILES) == null) {
      throw new KilnException("dataset mnist: folder " + dir + " lacks the MNIST IDX files (expected "
          + MnistFiles.FILES.stream().map(IdxFiles.Remote::name).toList() + ")");
    }
    return load(dir, MnistFiles.URL, MnistFiles.FILES, KilnHome.datasets(), progress);
  }

  static Dataset load(Path localDir, String url, List<IdxFiles.Remote> files, Path datasetsDir, Progress progress) {
    return IdxDataset.load(NAME, LAYOUT, CLASSES, localDir, url, files, datasetsDir, "", progress);
  }
}
