package kiln.api.model;

import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A callback the trainer calls (the Keras callback equivalent). Specs hand them to the trainer in the
 * {@code train_callbacks} setting; logs hold loss, accuracy, val_*, lr.
 */
@ConsumerType
public interface TrainCallback {
  default void onEpochBegin(int epoch) {}

  /** Returns true to stop training. */
  default boolean onEpochEnd(int epoch, Map<String, Double> logs) {
    return false;
  }

  default void onTrainEnd(Map<String, Double> logs) {}
}
