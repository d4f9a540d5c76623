package kiln.api.model;

import java.util.List;
import java.util.Map;

/**
 * What training produced: the final (or best, when restored) weights, the per-epoch history of
 * every metric ({@code loss}, {@code accuracy}, {@code val_loss}, {@code val_accuracy}, {@code lr}),
 * the epoch count reached and how the time was spent.
 */
public record TrainResult(Weights weights, Map<String, List<Double>> history, int epochs, TrainStats stats) {
  public TrainResult {
    stats = stats == null ? TrainStats.UNKNOWN : stats;
  }
}
