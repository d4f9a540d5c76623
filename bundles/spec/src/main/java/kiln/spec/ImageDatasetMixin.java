package kiln.spec;

/** An image dataset read through a {@link ParallelImageDataGenerator}: targetSize, colorMode, interpolation. */
public interface ImageDatasetMixin extends DatasetMixin {}
