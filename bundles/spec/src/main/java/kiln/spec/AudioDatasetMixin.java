package kiln.spec;

/**
 * An audio dataset read through a {@link ParallelAudioDataGenerator} ({@code datagen}); the model's
 * input shape follows from the generator's frontend settings.
 */
public interface AudioDatasetMixin extends DatasetMixin {}
