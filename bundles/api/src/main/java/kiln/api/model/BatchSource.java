package kiln.api.model;

import org.osgi.annotation.versioning.ConsumerType;

/** Batches for one epoch at a time, produced concurrently with training. */
@ConsumerType
public interface BatchSource {
  /** Batches per epoch. */
  int batchesPerEpoch();

  /** The next batch of the current epoch (blocks while it is being made). */
  Batch next();

  /**
   * Moves past the next {@code batches} batches without returning them, so that a resumed run gets
   * the batches the interrupted run would have got next. The default makes and drops them; a source
   * that can make any batch directly (the audio data generator) overrides it.
   */
  default void skip(long batches) {
    for (long i = 0; i < batches; i++) {
      next();
    }
  }

  /** The threads making batches beside the trainer; 0 when the source has none of its own. */
  default int workerThreads() {
    return 0;
  }

  /**
   * Makes batches on {@code n} worker threads from now on: the trainer's share of the cores for the
   * data (its core budget). A source without worker threads ignores it. Batches do not depend on it.
   */
  default void workerThreads(int n) {}

  /**
   * CPU seconds the workers spent per sample over the batches made most recently (the data's
   * measured cost, which the trainer weighs against its step's cost; recent, so that the JIT's
   * cold first batches drop out); NaN when unknown or nothing was made yet.
   */
  default double cpuSecondsPerSample() {
    return Double.NaN;
  }
}
