package kiln.image;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kiln.api.KilnException;
import kiln.image.internal.Settings;

/**
 * The ParallelImageDataGenerator settings (MLTK / Keras names and defaults) the generator itself
 * uses; each image {@link kiln.api.data.Augmenter} reads its own setting from {@link #raw()}.
 */
public final class ImageSettings {
  public final double cores;
  public final int maxBatchesPending;
  public final double validationSplit;
  public final boolean validationAugmentationEnabled;
  public final boolean randomTransformsEnabled;
  public final int maxSamplesPerClass;
  public final double rescale;
  public final boolean samplewiseCenter;
  public final boolean samplewiseStdNormalization;
  public final boolean featurewiseCenter;
  public final boolean featurewiseStdNormalization;
  private final Map<String, Object> raw;

  /** Reads the settings; unknown keys are kept for the augmenters. */
  public ImageSettings(Map<String, Object> settings) {
    raw = new HashMap<>(settings);
    cores = Settings.number(raw, "cores", 0.25);
    maxBatchesPending = (int) Settings.number(raw, "max_batches_pending", 4);
    validationSplit = Settings.number(raw, "validation_split", 0.0);
    validationAugmentationEnabled = Settings.flag(raw, "validation_augmentation_enabled", true);
    randomTransformsEnabled = Settings.flag(raw, "random_transforms_enabled", true)
        && !Settings.flag(raw, "disable_random_transforms", false);
    maxSamplesPerClass = (int) Settings.number(raw, "max_samples_per_class", -1);
    rescale = Settings.number(raw, "rescale", 0);
    samplewiseCenter = Settings.flag(raw, "samplewise_center", false);
    samplewiseStdNormalization = Settings.flag(raw, "samplewise_std_normalization", false);
    featurewiseCenter = Settings.flag(raw, "featurewise_center", false);
    featurewiseStdNormalization = Settings.flag(raw, "featurewise_std_normalization", false);
    String dtype = Settings.string(raw, "dtype", "float32").replace("np.", "");
    if (!List.of("float32", "float").contains(dtype)) {
      throw new KilnException("datagen setting dtype: the image generator makes float32 samples (the .tflite's"
          + " input quantization is applied by the interpreter), found " + dtype);
    }
    if (cores <= 0) {
      throw new KilnException("datagen setting cores must be > 0 (a fraction of the CPUs or a count), found " + cores);
    }
    if (maxBatchesPending < 1) {
      throw new KilnException("datagen setting max_batches_pending must be >= 1, found " + maxBatchesPending);
    }
    if (validationSplit < 0 || validationSplit >= 1) {
      throw new KilnException("datagen setting validation_split must be in [0, 1), found " + validationSplit);
    }
  }

  /** Worker threads: a fraction (< 1) of the available processors or a count, at least one. */
  public int workerThreads() {
    int cpus = Runtime.getRuntime().availableProcessors();
    return Math.max(1, cores < 1 ? (int) Math.round(cpus * cores) : (int) cores);
  }

  /** Every setting as given (the augmenters' view). */
  public Map<String, Object> raw() {
    return new HashMap<>(raw);
  }
}
