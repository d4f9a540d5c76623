package kiln.datasets.fashionmnist;

import java.nio.file.Path;
import java.util.List;
import kiln.api.Progress;
import kiln.api.data.Dataset;
import kiln.api.data.DatasetProvider;
import kiln.api.data.DatasetSplit;
import kiln.util.KilnHome;
import kiln.util.data.IdxDataset;
import kiln.util.data.IdxFiles;
import org.osgi.service.component.annotations.Component;

/**
 * {@code fashion_mnist}: Zalando's Fashion-MNIST (MIT licence), 60,000 training and 10,000 test
 * 28x28 gray images of 10 clothing classes. The four IDX files come from {@link SourceFiles} (Debian's
 * package folder, else a verified download); {@link IdxDataset} expands them once, atomically, into PNG
 * class folders under {@code <kiln home>/datasets/fashion_mnist}. The dataset's own split marks the 10,000
 * test images as its validation samples ({@link DatasetSplit#validation()}): Fashion-MNIST defines
 * no separate validation set, so training never sees a test image and evaluation scores exactly the
 * test split. System properties {@code kiln.dataset.fashion_mnist.dir} and {@code .url} point it at
 * another folder or mirror.
 */
@Component(property = {"kiln.name=fashion_mnist",
    "kiln.description=Fashion-MNIST, 70,000 28x28 gray clothing images (MIT; Debian dataset-fashion-mnist or 30 MB download)"})
public final class FashionMnistProvider implements DatasetProvider {
  public static final String NAME = "fashion_mnist";
  /** MLTK's class names, in label order. */
  public static final List<String> CLASSES = List.of(
      "top", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "boot");
  /** What an expanded folder is marked with; changes when the layout does. */
  static final String LAYOUT = "fashion-mnist idx->png v1";
  static final String PROPERTY = "kiln.dataset." + NAME + ".";

  @Override
  public String description() {
    return "Fashion-MNIST, 70,000 28x28 gray clothing images (MIT; Debian dataset-fashion-mnist or 30 MB download)";
  }

  @Override
  public Dataset load(Progress progress) {
    Path local = Path.of(System.getProperty(PROPERTY + "dir", SourceFiles.DEBIAN_DIR.toString()));
    String url = System.getProperty(PROPERTY + "url", SourceFiles.URL);
    return load(local, url, SourceFiles.FILES, KilnHome.datasets(), progress);
  }

  /**
   * Loads from {@code localDir} when it has the four files, else from {@code url}, expanding under
   * {@code datasetsDir} when not done yet.
   */
  static Dataset load(Path localDir, String url, List<IdxFiles.Remote> files, Path datasetsDir, Progress progress) {
    return IdxDataset.load(NAME, LAYOUT, CLASSES, localDir, url, files, datasetsDir,
        " (apt-get install dataset-fashion-mnist)", progress);
  }
}
