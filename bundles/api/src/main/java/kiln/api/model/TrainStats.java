package kiln.api.model;

/**
 * How a training run spent its time.
 *
 * @param totalSeconds wall-clock seconds of the epochs
 * @param samplesPerSecond training samples per second
 * @param waitFraction share of the step time spent waiting for the data generator (0..1)
 */
public record TrainStats(double totalSeconds, double samplesPerSecond, double waitFraction) {
  /** For trainers that do not measure. */
  public static final TrainStats UNKNOWN = new TrainStats(Double.NaN, Double.NaN, Double.NaN);
}
