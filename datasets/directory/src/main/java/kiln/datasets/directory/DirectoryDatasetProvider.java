package kiln.datasets.directory;

import kiln.util.data.DatasetFolders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HexFormat;
import kiln.api.KilnException;
import kiln.api.Progress;
import kiln.api.data.Dataset;
import kiln.api.data.DatasetProvider;
import kiln.util.KilnHome;
import org.osgi.service.component.annotations.Component;

/**
 * {@code directory}: any folder of class sub-folders of wav files ({@code <root>/<class>/*.wav},
 * {@code _background_noise_} like Speech Commands) or of image files (.png, .jpg, .jpeg, .bmp; see
 * {@link SampleKind}). The folder is the location
 * ({@code dataset = "directory:/data/words"}) or the system property {@code kiln.dataset.directory}.
 */
@Component(property = {"kiln.name=directory",
    "kiln.description=any folder of class sub-folders of wav or image files (directory:/path)"})
public final class DirectoryDatasetProvider implements DatasetProvider {
  public static final String PROPERTY = "kiln.dataset.directory";

  @Override
  public String description() {
    return "any folder of class sub-folders of wav or image files (directory:/path)";
  }

  @Override
  public Dataset load(Progress progress) {
    String dir = System.getProperty(PROPERTY);
    if (dir == null || dir.isBlank()) {
      throw new KilnException("dataset directory needs a folder: write dataset = \"directory:/path/to/folder\""
          + " or set -D" + PROPERTY + "=/path/to/folder");
    }
    return load(dir, progress);
  }

  @Override
  public Dataset load(String location, Progress progress) {
    if (location == null || location.isBlank()) {
      return load(progress);
    }
    Path root = Paths.get(location.startsWith("~/") ? System.getProperty("user.home") + location.substring(1) : location);
    Path folder = root.toAbsolutePath().normalize();
    progress.report("listing " + folder, 0, -1);
    return DatasetFolders.list("directory", folder, null, hashCache(folder), SampleKind.of(folder));
  }

  /**
   * The folder is the user's, so its digest cache lives in the Kiln home, one file per folder:
   * {@code cache/dataset-hashes/<SHA-256 of the folder's path>.tsv}.
   */
  static Path hashCache(Path folder) {
    byte[] path = folder.toString().getBytes(StandardCharsets.UTF_8);
    String key = HexFormat.of().formatHex(DatasetFolders.sha256().digest(path)).substring(0, 32);
    return KilnHome.cache().resolve("dataset-hashes").resolve(key + ".tsv");
  }
}
