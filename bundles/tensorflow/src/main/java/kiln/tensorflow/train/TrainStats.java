package kiln.tensorflow.train;

/**
 * Timing of a training run: samples trained, seconds in optimizer steps, seconds spent waiting
 * for training batches, and the whole wall-clock time (validation included).
 */
public record TrainStats(long samples, double stepSeconds, double waitSeconds, double totalSeconds) {
  /** Training samples per second of wall-clock time spent on the training batches. */
  public double samplesPerSecond() {
    return samples / Math.max(1e-9, stepSeconds + waitSeconds);
  }

  /** The fraction of the training time spent waiting for data. */
  public double waitFraction() {
    return waitSeconds / Math.max(1e-9, stepSeconds + waitSeconds);
  }
}
