package kiln.api;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives progress of long work (downloads, epochs, feature generation). */
@ConsumerType
@FunctionalInterface
public interface Progress {
  /** A progress that discards every report. */
  Progress NONE = (task, done, total) -> {};

  /**
   * Reports that {@code done} of {@code total} units of {@code task} are finished; {@code total} is
   * -1 when unknown.
   */
  void report(String task, long done, long total);

  /** Reports a free-form line (an epoch summary, a warning). */
  default void message(String line) {}
}
