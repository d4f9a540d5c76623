package kiln.spec;

import java.util.Map;

/** A user callback the trainer calls (Keras callback equivalent); logs hold loss, accuracy, val_*, lr. */
public interface TrainCallback {
  default void onEpochBegin(int epoch) {}

  /** Returns true to stop training. */
  default boolean onEpochEnd(int epoch, Map<String, Double> logs) {
    return false;
  }

  default void onTrainEnd(Map<String, Double> logs) {}
}
