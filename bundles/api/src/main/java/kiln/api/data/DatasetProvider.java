package kiln.api.data;

import kiln.api.Described;
import kiln.api.Progress;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Finds, downloads, verifies and caches a named dataset. Registered with the service property
 * {@code kiln.name}.
 */
@ConsumerType
public interface DatasetProvider extends Described {
  /**
   * Makes the dataset available locally (downloading and extracting it when needed) and lists it.
   *
   * @throws kiln.api.KilnException naming the dataset and what went wrong
   */
  Dataset load(Progress progress);

  /**
   * Loads the dataset from a location the user names (the {@code directory} provider's folder; in
   * a spec {@code dataset = "directory:/data/words"}). Providers with a fixed source ignore it.
   *
   * @throws kiln.api.KilnException naming the dataset, the location and what went wrong
   */
  default Dataset load(String location, Progress progress) {
    return load(progress);
  }
}
