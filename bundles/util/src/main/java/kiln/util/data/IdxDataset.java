package kiln.util.data;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kiln.api.Progress;
import kiln.api.data.Dataset;
import kiln.api.data.DatasetSplit;

/**
 * An MNIST-format dataset (MNIST, Fashion-MNIST) as PNG class folders: the four IDX files come from
 * a local folder or a verified download ({@link IdxFiles}), are expanded once, atomically, into
 * {@code <datasets>/<name>/<class>/{train,test}_NNNNN.png} ({@link IdxPngs}), and the test images
 * are the dataset's validation split ({@link DatasetSplit#validation()}): these datasets define no
 * separate validation set, so training never sees a test image and evaluation scores exactly the
 * test split.
 */
public final class IdxDataset {
  private IdxDataset() {}

  /**
   * Loads {@code name} from {@code localDir} when it has the four files, else from {@code url},
   * expanding under {@code datasetsDir} when the folder is not marked with {@code layout} yet.
   *
   * @param hint what to tell the user when {@code localDir} lacks the files (how to install them)
   */
  public static Dataset load(String name, String layout, List<String> classes, Path localDir, String url,
      List<IdxFiles.Remote> files, Path datasetsDir, String hint, Progress progress) {
    Path target = datasetsDir.resolve(name);
    if (!layout.equals(DatasetFolders.installedHash(target))) {
      IdxFiles src = IdxFiles.local(localDir, files);
      if (src == null) {
        progress.message(name + ": " + localDir + " lacks the IDX files" + hint + "; downloading from " + url);
        src = IdxFiles.download(name, url, files, datasetsDir.resolve(".downloads").resolve(name), progress);
      }
      IdxFiles from = src;
      DatasetFolders.installAtomically(name, target, layout, dir -> {
        int n = IdxPngs.expand(name, from, classes, dir, progress);
        progress.message("expanded " + n + " " + name + " images from " + from.origin() + " into " + target);
      });
    }
    return withTestSplit(name, target, layout);
  }

  /**
   * The expanded PNG class folders in {@code target}, with the images named {@link IdxPngs#TEST_PREFIX}
   * as the validation split (also for other record formats expanded with {@link RecordPngs}).
   */
  public static Dataset withTestSplit(String name, Path target, String layout) {
    Dataset d = DatasetFolders.list(name, target, layout, target.resolve(DatasetFolders.HASH_CACHE), List.of(".png"));
    return d.withSplit(new DatasetSplit(testImages(d), Set.of()));
  }

  /** The test images by relative name: they are the dataset's validation (= evaluation) samples. */
  private static Set<String> testImages(Dataset d) {
    Set<String> out = new HashSet<>();
    for (Map.Entry<String, List<Path>> e : d.samplesByClass().entrySet()) {
      for (Path p : e.getValue()) {
        if (p.getFileName().toString().startsWith(IdxPngs.TEST_PREFIX)) {
          out.add(d.root().relativize(p).toString().replace('\\', '/'));
        }
      }
    }
    return out;
  }
}
