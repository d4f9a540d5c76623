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
}
