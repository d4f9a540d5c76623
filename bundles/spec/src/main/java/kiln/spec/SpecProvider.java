package kiln.spec;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A ready-made spec a bundle registers (service property {@code kiln.name} = model name); see
 * {@link BundledSpec}.
 */
@ConsumerType
public interface SpecProvider {
  /** The model name. */
  String name();

  /** A fresh instance with the spec's settings. */
  KilnModel newInstance();

  /** The spec's Java source (for archives), or null. */
  String source();
}
