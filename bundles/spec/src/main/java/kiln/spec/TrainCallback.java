package kiln.spec;

/**
 * A user callback the trainer calls (Keras callback equivalent); logs hold loss, accuracy, val_*, lr.
 * The spec-facing name of {@link kiln.api.model.TrainCallback}, so a spec imports kiln.spec alone.
 */
public interface TrainCallback extends kiln.api.model.TrainCallback {}
