package kiln.spec;

/** Keras LearningRateScheduler's schedule: the learning rate for an epoch (0-based) given the current one. */
@FunctionalInterface
public interface LrSchedule {
  double apply(int epoch, double currentLearningRate);
}
