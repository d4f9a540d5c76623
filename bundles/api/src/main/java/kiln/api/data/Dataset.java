package kiln.api.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A dataset ready on disk: its root folder, its samples grouped by class folder name, and a hash of
 * its content for provenance.
 *
 * @param name the provider's name
 * @param root the folder holding the class folders
 * @param samplesByClass the sample files of each class folder, sorted, keyed by folder name
 * @param contentHash a hex digest identifying the dataset's content
 */
public record Dataset(String name, Path root, Map<String, List<Path>> samplesByClass, String contentHash) {
  public Dataset {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(root, "root");
    samplesByClass = Map.copyOf(samplesByClass);
    Objects.requireNonNull(contentHash, "contentHash");
  }
}
