package kiln.spec;

/**
 * Keras LearningRateScheduler's schedule: the learning rate for an epoch (0-based) given the current
 * one. The spec-facing name of {@link kiln.api.model.LrSchedule}, so a spec imports kiln.spec alone.
 */
@FunctionalInterface
public interface LrSchedule extends kiln.api.model.LrSchedule {}
