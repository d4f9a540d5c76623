package kiln.api.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A dataset ready on disk: its root folder, its samples grouped by class folder name, and, for
 * provenance, a hash of its content and the version the provider installed.
 *
 * @param name the provider's name
 * @param root the folder holding the class folders
 * @param samplesByClass the sample files of each class folder, sorted, keyed by folder name
 * @param contentHash SHA-256 (hex) over the folder's files: their relative paths and bytes
 * @param version what the provider installed (e.g. the archive it extracted, with its SHA-256), or
 *     null when the provider does not know (a plain folder)
 * @param split the dataset's own validation and test files (Speech Commands' lists), or null when it
 *     defines none and the data generator's {@code validation_split} rule chooses
 */
public record Dataset(
    String name, Path root, Map<String, List<Path>> samplesByClass, String contentHash, String version,
    DatasetSplit split) {
  public Dataset {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(root, "root");
    samplesByClass = Map.copyOf(samplesByClass);
    Objects.requireNonNull(contentHash, "contentHash");
  }

  /** A dataset that defines no split of its own. */
  public Dataset(String name, Path root, Map<String, List<Path>> samplesByClass, String contentHash, String version) {
    this(name, root, samplesByClass, contentHash, version, null);
  }

  /** A dataset without a known version. */
  public Dataset(String name, Path root, Map<String, List<Path>> samplesByClass, String contentHash) {
    this(name, root, samplesByClass, contentHash, null);
  }

  /** This dataset with its own split. */
  public Dataset withSplit(DatasetSplit split) {
    return new Dataset(name, root, samplesByClass, contentHash, version, split);
  }
}
