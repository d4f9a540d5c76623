package kiln.models;

import static kiln.nn.Args.kw;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import kiln.api.KilnException;
import kiln.api.data.FrontendSettings;
import kiln.nn.Activation;
import kiln.nn.BatchNormalization;
import kiln.nn.Conv2D;
import kiln.nn.Dense;
import kiln.nn.Dropout;
import kiln.nn.Flatten;
import kiln.nn.InputLayer;
import kiln.nn.MaxPooling2D;
import kiln.nn.Network;
import kiln.nn.Sequential;
import kiln.spec.DatasetMixin;
import kiln.spec.EvaluateClassifierMixin;
import kiln.spec.KilnModel;
import kiln.spec.TrainMixin;
import kiln.spec.data.AudioFiles;
import kiln.spec.data.DatasetFolder;
import kiln.spec.data.DirectoryListing;
import kiln.spec.data.SpecDataset;

/**
 * MLTK's audio_tf_dataset (mltk/models/examples/audio_tf_dataset.py): a keyword classifier (left,
 * right, up, down, _unknown_) whose spec supplies its data through the dataset API, with MLTK's
 * layout (five conv + batch norm + ReLU + max-pool stages, dropout, dense), frontend settings
 * (64 channels, 32 ms windows every 16 ms, activity detection, dynamic int8 scaling) and training
 * settings. The data is Google Speech Commands v2 as the {@code speech_commands_v2} provider
 * installs it ({@code <kiln home>/datasets/speech_commands_v2}, or the folder named by
 * {@code -Dkiln.dataset.speech_commands_v2.dir}). Each subset lists the folder as MLTK's
 * {@code load_audio_directory} does (seed 42; validation the first 20% of each class, training the
 * rest; twice as many _unknown_ clips as the average keyword; the dry run keeps {@code batch_size}
 * files per class), and every clip is read at 16 kHz, trimmed and placed at a random offset in
 * 1 s, augmented from its element's seed and turned into an int8 spectrogram by the microfrontend
 * on worker threads (MLTK's {@code parallel_process}), in every subset, as MLTK does.
 * Augmentations (audiomentations' Compose, p 0.9): Gain 0.95..2 dB (p 0.75) and background noise
 * from {@code _background_noise_} at 20..40 dB SNR (p 0.75); audiomentations' PitchShift,
 * TimeStretch and AirAbsorption are not applied. MLTK batches the paths for its process pool with
 * {@code drop_remainder}, which drops up to 31 files per subset; Kiln keeps them.
 *
 * <p>@kiln_model
 */
public class audio_tf_dataset extends KilnModel implements TrainMixin, DatasetMixin, EvaluateClassifierMixin {
  static final double VALIDATION_SPLIT = 0.2;
  static final String DATASET = "speech_commands_v2";

  final FrontendSettings frontend;
  private volatile List<float[]> noises;

  public audio_tf_dataset() {
    version = 1;
    description = "Audio classifier example using the Tensorflow dataset API with augmentations";

    epochs = 100;
    batchSize = 32;
    optimizer = "adam";
    loss = "categorical_crossentropy";
    metrics = List.of("accuracy");

    checkpoint.put("monitor", "val_accuracy");
    reduceLrOnPlateau = kw("monitor", "accuracy", "factor", 0.95, "patience", 1, "min_delta", 0.01);
    earlyStopping = kw("monitor", "val_accuracy", "patience", 15);
    // MLTK's spec also sets "update_freq", "batch": Kiln writes TensorBoard scalars once per epoch
    tensorboard = kw("histogram_freq", 0, "write_graph", false, "write_images", false,
        "profile_batch", List.of(51, 51));
    // MLTK also adds Keras' TerminateOnNaN callback: Kiln's trainer stops on a NaN loss by itself

    tfliteConverter.put("optimizations", List.of("DEFAULT"));
    tfliteConverter.put("supported_ops", List.of("TFLITE_BUILTINS_INT8"));
    tfliteConverter.put("inference_input_type", "int8");
    tfliteConverter.put("inference_output_type", "int8");
    tfliteConverter.put("representative_dataset", "generate");

    frontend = FrontendSettings.builder()
        .sampleRateHz(16000)
        .sampleLengthMs(1000)
        .windowSizeMs(32)
        .windowStepMs(16)
        .filterbankNChannels(64)
        .filterbankUpperBandLimit(4000.0f - 1) // spoken language usually only goes up to 4k
        .filterbankLowerBandLimit(100.0f)
        .noiseReductionEnable(false)
        .noiseReductionSmoothingBits(5)
        .noiseReductionEvenSmoothing(0.004f)
        .noiseReductionOddSmoothing(0.004f)
        .noiseReductionMinSignalRemaining(0.05f)
        .pcanEnable(false)
        .pcanStrength(0.95f)
        .pcanOffset(80.0f)
        .pcanGainBits(21)
        .logScaleEnable(true)
        .logScaleShift(6)
        .activityDetectionEnable(true)
        .activityDetectionAlphaA(0.5f)
        .activityDetectionAlphaB(0.8f)
        .activityDetectionArmThreshold(0.75f)
        .activityDetectionTripThreshold(0.8f)
        .dcNotchFilterEnable(true)
        .dcNotchFilterCoefficient(0.95f)
        .quantizeDynamicScaleEnable(true)
        .quantizeDynamicScaleRangeDb(40.0f)
        .build();
    // the frontend settings travel in the .tflite, so classify_audio and devices compute the same features
    modelParameters.putAll(frontend.toParameters());

    inputShape = new int[] {frontend.frameCount(frontend.sampleLength()), frontend.filterbankNChannels(), 1};
    classes = List.of("left", "right", "up", "down", "_unknown_");
    classMode = "categorical";
    classWeights = "balanced";

    // audio classifier settings (classify_audio and MLTK's audio_classifier application)
    modelParameters.put("average_window_duration_ms", 1000);
    modelParameters.put("detection_threshold", 165);
    modelParameters.put("suppression_ms", 750);
    modelParameters.put("minimum_count", 3);
    modelParameters.put("volume_gain", 2);
    modelParameters.put("latency_ms", 100);
    modelParameters.put("verbose_model_output_logs", false);
  }

  @Override
  public SpecDataset trainingData() {
    return subset(VALIDATION_SPLIT, 1, 0.65);
  }

  @Override
  public SpecDataset validationData() {
    return subset(0, VALIDATION_SPLIT, 0.35);
  }

  /** MLTK evaluates on the validation subset. */
  @Override
  public SpecDataset evaluationData() {
    return validationData();
  }

  private Path folder() {
    return DatasetFolder.of(DATASET, DATASET, "train a spec that uses the speech_commands_v2 provider"
        + " (e.g. ./kiln train keyword_spotting_on_off) to download and install it");
  }

  /** MLTK's _load_subset: list, augment and compute spectrograms in parallel, shuffle, batch. */
  private SpecDataset subset(double from, double to, double cpuShare) {
    DirectoryListing files = DirectoryListing.list(folder(), DirectoryListing.Options.of(classes, DirectoryListing.WAV)
        .split(from, to).shuffle(42).maxSamplesPerClass(testMode() ? batchSize : -1).unknownClassPercentage(2.0));
    int threads = Math.max(1, (int) (Runtime.getRuntime().availableProcessors() * cpuShare));
    return SpecDataset.fromDirectory(files, this::features, threads)
        .shuffle(batchSize * 100, 42)
        .batch(batchSize)
        .prefetch(2);
  }

  /** MLTK's audio_augmentation_pipeline for one clip: read, adjust length, augment, spectrogram. */
  float[] features(Path file, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int length = frontend.sampleLength();
    float[] x = file == null ? new float[length] : AudioFiles.read(file, frontend.sampleRateHz());
    x = AudioFiles.adjustLength(x, length, 30, random.nextDouble());
    if (random.nextDouble() < 0.9) {
      if (random.nextDouble() < 0.75) {
        // Gain(min_gain_in_db=0.95, max_gain_in_db=2)
        float gain = (float) Math.pow(10, (0.95 + 1.05 * random.nextDouble()) / 20);
        for (int i = 0; i < x.length; i++) {
          x[i] *= gain;
        }
      }
      if (random.nextDouble() < 0.75) {
        addBackgroundNoise(x, random);
      }
    }
    return AudioFiles.spectrogram(x, frontend);
  }

  /**
   * audiomentations' AddBackgroundNoise(min_snr_in_db=20, max_snr_in_db=40, noise_rms="relative"):
   * a random stretch of a random noise clip (repeated when shorter), scaled so the clip's RMS is
   * the SNR above it, added. Nothing is added to a silent clip or when there is no noise clip.
   */
  private void addBackgroundNoise(float[] x, SplittableRandom random) {
    List<float[]> all = noises();
    double snrDb = 20 + 20 * random.nextDouble();
    if (all.isEmpty()) {
      return;
    }
    float[] noise = all.get(random.nextInt(all.size()));
    int start = noise.length > x.length ? random.nextInt(noise.length - x.length + 1) : 0;
    double clean = rms(x, 0, x.length);
    double noisy = 0;
    for (int i = 0; i < x.length; i++) {
      float v = noise[(start + i) % noise.length];
      noisy += (double) v * v;
    }
    noisy = Math.sqrt(noisy / x.length);
    if (clean == 0 || noisy == 0) {
      return;
    }
    float scale = (float) (clean / Math.pow(10, snrDb / 20) / noisy);
    for (int i = 0; i < x.length; i++) {
      x[i] += scale * noise[(start + i) % noise.length];
    }
  }

  private static double rms(float[] x, int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += (double) x[i] * x[i];
    }
    return to > from ? Math.sqrt(s / (to - from)) : 0;
  }

  /** The clips of the dataset's _background_noise_ folder at 16 kHz, read once. */
  private List<float[]> noises() {
    List<float[]> n = noises;
    if (n == null) {
      synchronized (this) {
        if (noises == null) {
          List<float[]> read = new ArrayList<>();
          Path dir = folder().resolve("_background_noise_");
          if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
              for (Path f : s.filter(p -> p.toString().endsWith(".wav")).sorted().toList()) {
                read.add(AudioFiles.read(f, frontend.sampleRateHz()));
              }
            } catch (IOException e) {
              throw new KilnException("cannot list " + dir + ": " + e.getMessage(), e);
            }
          }
          noises = List.copyOf(read);
        }
        n = noises;
      }
    }
    return n;
  }

  /** Model layout: Conv2D 8, 16, 32, 32, 32 (3x3, same) each + BN + ReLU + 2x2 max pool; dropout; dense. */
  @Override
  public Network buildModel() {
    int filters = 8;
    Sequential model = new Sequential(name());
    model.add(new InputLayer(inputShape()));
    for (int f : new int[] {filters, 2 * filters, 4 * filters, 4 * filters, 4 * filters}) {
      model.add(new Conv2D(kw("filters", f, "kernel_size", List.of(3, 3), "padding", "same")));
      model.add(new BatchNormalization());
      model.add(new Activation("relu"));
      model.add(new MaxPooling2D(kw("pool_size", List.of(2, 2), "strides", List.of(2, 2))));
    }
    model.add(new Dropout(0.5));
    model.add(new Flatten());
    model.add(new Dense(kw("units", nClasses(), "activation", "softmax")));
    return model;
  }
}
