package kiln.api;

import org.osgi.annotation.versioning.ConsumerType;

/** A service that describes itself in one line, as {@code kiln:list} shows it. */
@ConsumerType
public interface Described {
  /** One line saying what this service is, for {@code kiln:list}. */
  String description();
}
