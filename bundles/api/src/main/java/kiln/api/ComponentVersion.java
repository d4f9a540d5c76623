package kiln.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A runtime component that reports its version to {@code kiln:version} (e.g. the TensorFlow native
 * library a bundle loaded).
 */
@ConsumerType
public interface ComponentVersion {
  /** What the component is, e.g. {@code TensorFlow native}. */
  String component();

  /**
   * Its version, loading the component if needed.
   *
   * @throws KilnException when the component cannot be loaded, saying why
   */
  String version();
}
