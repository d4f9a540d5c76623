package kiln.augment;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kiln.api.KilnException;

/**
 * The ParallelAudioDataGenerator settings (MLTK names, MLTK defaults) the generator itself uses;
 * the augmentation settings are read by each {@link kiln.api.data.Augmenter} from {@link
 * #augmentSettings}.
 */
public final class DatagenSettings {
  public static final List<String> DTYPES = List.of("float32", "int8", "uint16", "int16");

  public final double cores;
  public final int maxBatchesPending;
  public final double validationSplit;
  public final boolean validationAugmentationEnabled;
  public final boolean samplewiseCenter;
  public final boolean samplewiseStdNormalization;
  public final double rescale;
  public final String dtype;
  public final String frontendDtype;
  public final double unknownClassPercentage;
  public final double silenceClassPercentage;
  public final double trimThresholdDb;
  public final boolean disableRandomTransforms;
  public final boolean addChannelDimension;
  public final double[] samplewiseNormalizeRange;
  public final int maxSamplesPerClass;
  private final Map<String, Object> raw;

  /** Reads the settings; unknown keys are kept for the augmenters. */
  public DatagenSettings(Map<String, Object> settings) {
    raw = new HashMap<>(settings);
    cores = SettingValues.number(raw, "cores", 0.25);
    maxBatchesPending = (int) SettingValues.number(raw, "max_batches_pending", 4);
    validationSplit = SettingValues.number(raw, "validation_split", 0.0);
    validationAugmentationEnabled = SettingValues.flag(raw, "validation_augmentation_enabled", true);
    samplewiseStdNormalization = SettingValues.flag(raw, "samplewise_std_normalization", false);
    // as in MLTK, std normalization implies centring
    samplewiseCenter = SettingValues.flag(raw, "samplewise_center", false) || samplewiseStdNormalization;
    rescale = SettingValues.isSet(raw, "rescale") ? SettingValues.number(raw, "rescale", 0) : 0;
    dtype = dtype(raw, "dtype", "float32");
    frontendDtype = dtype(raw, "frontend_dtype", dtype);
    unknownClassPercentage = SettingValues.number(raw, "unknown_class_percentage", 1.0);
    silenceClassPercentage = SettingValues.number(raw, "silence_class_percentage", 0.6);
    trimThresholdDb = SettingValues.isSet(raw, "trim_threshold_db")
        ? SettingValues.number(raw, "trim_threshold_db", 20) : (raw.containsKey("trim_threshold_db") ? 0 : 20);
    disableRandomTransforms = SettingValues.flag(raw, "disable_random_transforms", false);
    addChannelDimension = SettingValues.flag(raw, "add_channel_dimension", true);
    samplewiseNormalizeRange = SettingValues.range(raw, "samplewise_normalize_range");
    maxSamplesPerClass = (int) SettingValues.number(raw, "max_samples_per_class", -1);
    if (!SettingValues.flag(raw, "frontend_enabled", true)) {
      throw new KilnException("datagen setting frontend_enabled=false is not supported: Kiln's audio generator"
          + " always produces spectrograms");
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

  /**
   * The map the augmenters read: the given settings with MLTK's defaults filled in
   * ({@code trim_threshold_db} 20, {@code offset_range} (0, 1)), {@code sample_length_ms}, and
   * {@code bg_noise_dir} resolved against the dataset folder when relative.
   */
  public Map<String, Object> augmentSettings(int sampleLengthMs, Path datasetRoot) {
    Map<String, Object> m = new HashMap<>(raw);
    m.putIfAbsent("trim_threshold_db", 20);
    m.putIfAbsent("offset_range", List.of(0.0, 1.0));
    m.put("sample_length_ms", sampleLengthMs);
    if (SettingValues.isSet(m, "bg_noise_dir")) {
      Path dir = Paths.get(String.valueOf(m.get("bg_noise_dir")));
      if (!dir.isAbsolute() && datasetRoot != null) {
        dir = datasetRoot.resolve(dir);
      }
      m.put("bg_noise_dir", dir.toAbsolutePath().normalize().toString());
    }
    return m;
  }

  private static String dtype(Map<String, Object> m, String key, String fallback) {
    if (!SettingValues.isSet(m, key)) {
      return fallback;
    }
    String v = String.valueOf(m.get(key)).toLowerCase(Locale.ROOT).replace("np.", "").replace("numpy.", "");
    if (v.equals("float")) {
      v = "float32";
    }
    if (!DTYPES.contains(v)) {
      throw new KilnException("datagen setting " + key + " must be one of " + DTYPES + ", found " + m.get(key));
    }
    return v;
  }
}
