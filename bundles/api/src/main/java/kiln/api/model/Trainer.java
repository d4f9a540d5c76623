package kiln.api.model;

import org.osgi.annotation.versioning.ConsumerType;

/** Trains a layer graph. Registered with {@code kiln.name} (e.g. {@code tensorflow}). */
@ConsumerType
public interface Trainer {
  /** One line for {@code kiln:list trainers}. */
  String description();

  /**
   * Trains until the epochs or a callback ends it.
   *
   * @throws kiln.api.KilnException naming the setting or layer that cannot be trained
   */
  TrainResult train(TrainJob job);
}
