package kiln.api.model;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Keras LearningRateScheduler's schedule, as the trainer receives it in the {@code lr_schedule}
 * setting: the learning rate for an epoch (0-based) given the current one.
 */
@ConsumerType
@FunctionalInterface
public interface LrSchedule {
  double apply(int epoch, double currentLearningRate);
}
