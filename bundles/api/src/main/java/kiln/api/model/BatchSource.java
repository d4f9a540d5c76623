package kiln.api.model;

import org.osgi.annotation.versioning.ConsumerType;

/** Batches for one epoch at a time, produced concurrently with training. */
@ConsumerType
public interface BatchSource {
  /** Batches per epoch. */
  int batchesPerEpoch();

  /** The next batch of the current epoch (blocks while it is being made). */
  Batch next();
}
