package kiln.spec;

/**
 * The spec can be trained: epochs, batchSize, optimizer, loss, metrics, the callbacks (checkpoint,
 * earlyStopping, reduceLrOnPlateau, lrSchedule, tensorboard, trainCallbacks), tfliteConverter and
 * buildModel() are used (fields of {@link KilnModel}).
 */
public interface TrainMixin {}
