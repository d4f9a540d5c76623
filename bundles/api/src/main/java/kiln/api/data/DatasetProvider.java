package kiln.api.data;

import kiln.api.Progress;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Finds, downloads, verifies and caches a named dataset. Registered with the service property
 * {@code kiln.name}.
 */
@ConsumerType
public interface DatasetProvider {
  /** One line for {@code kiln:list datasets}. */
  String description();

  /**
   * Makes the dataset available locally (downloading and extracting it when needed) and lists it.
   *
   * @throws kiln.api.KilnException naming the dataset and what went wrong
   */
  Dataset load(Progress progress);
}
