package kiln.models;

import static kiln.nn.Args.kw;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import kiln.nn.Activation;
import kiln.nn.BatchNormalization;
import kiln.nn.Conv1D;
import kiln.nn.Dense;
import kiln.nn.Flatten;
import kiln.nn.InputLayer;
import kiln.nn.MaxPooling1D;
import kiln.nn.Network;
import kiln.nn.Regularizers;
import kiln.nn.Sequential;
import kiln.spec.DatasetMixin;
import kiln.spec.EvaluateClassifierMixin;
import kiln.spec.KilnModel;
import kiln.spec.LrSchedule;
import kiln.spec.TrainMixin;
import kiln.spec.data.AudioFiles;
import kiln.spec.data.DatasetFolder;
import kiln.spec.data.DirectoryListing;
import kiln.spec.data.SpecDataset;

/**
 * MLTK's (and YZLite's) conv1d_example (mltk/models/examples/conv1d_example.py): heartbeat rhythm
 * classes (normal sinus rhythm, atrial premature beat, atrial fibrillation, premature ventricular
 * contraction) from 10 s of one-lead ECG at 360 Hz, with four Conv1D + batch norm + ReLU +
 * MaxPooling1D stages. MLTK's data generator runs with the frontend off: each waveform is read,
 * trimmed (30 dB) and cropped or padded to 3600 samples at a random offset, its loudness scaled by
 * 0.8..1.0, and its post-processing callback turns the (-1, 1) samples into int8 by {@code x * 127}.
 * Kiln's audio generator makes spectrograms only, so this spec supplies those raw waveforms itself
 * through the dataset API: the folder of MLTK's ekg_waveforms.zip (one sub-folder per class of .wav
 * files), read from {@code <kiln home>/datasets/ekg_waveforms/v1} or the folder named by
 * {@code -Dkiln.dataset.ekg_waveforms.dir} (Kiln has no provider that downloads it), split as MLTK's
 * generator splits it (validation the first 10% of each class's sorted files, training the rest),
 * augmented in both subsets as MLTK's {@code validation_augmentation_enabled} asks, and shuffled
 * each epoch. Each file's augmentation is drawn from its place in the listing, so it repeats every
 * epoch. MLTK's speed and pitch ranges (0.9..1.1) are not applied (Kiln's speed and pitch
 * augmenters live in the optional TarsosDSP bundle), nor is its background noise (no noise folder
 * is given). The dry run keeps {@code batch_size} files per class.
 *
 * <p>@kiln_model
 */
public class conv1d_example extends KilnModel implements TrainMixin, DatasetMixin, EvaluateClassifierMixin {

  static final int SAMPLE_RATE = 360;
  static final double SAMPLE_LENGTH_SECONDS = 10.0;
  static final double VALIDATION_SPLIT = 0.1;
  static final double TRIM_THRESHOLD_DB = 30;

  public conv1d_example() {
    version = 1;
    description = "Conv1D example";

    epochs = 40;
    batchSize = 5;
    optimizer = "adam";
    metrics = List.of("accuracy");
    loss = "categorical_crossentropy";
    checkpoint.put("monitor", "val_accuracy");
    lrSchedule = kw("schedule", (LrSchedule) (epoch, lr) -> 0.001 * Math.pow(0.99, epoch));

    tfliteConverter.put("optimizations", List.of("DEFAULT"));
    tfliteConverter.put("supported_ops", List.of("TFLITE_BUILTINS_INT8"));
    tfliteConverter.put("inference_input_type", "int8");
    tfliteConverter.put("inference_output_type", "int8");
    tfliteConverter.put("representative_dataset", "generate");

    classMode = "categorical";
    classes = List.of("1 NSR", "2 APB", "4 AFIB", "7 PVC");
    inputShape = new int[] {(int) (SAMPLE_RATE * SAMPLE_LENGTH_SECONDS), 1};
  }

  @Override
  public SpecDataset trainingData() {
    // MLTK's data generator draws new offsets and loudness every epoch
    return subset(VALIDATION_SPLIT, 1, true);
  }

  @Override
  public SpecDataset validationData() {
    return subset(0, VALIDATION_SPLIT, false);
  }

  private SpecDataset subset(double from, double to, boolean freshEachEpoch) {
    Path dir = DatasetFolder.of("ekg_waveforms", "ekg_waveforms/v1", "download MLTK's ekg_waveforms.zip"
        + " (https://github.com/SiliconLabs/mltk_assets/raw/master/datasets/ekg_waveforms.zip) and extract its"
        + " class folders there");
    DirectoryListing files = DirectoryListing.list(dir, DirectoryListing.Options.of(classes, DirectoryListing.WAV)
        .split(from, to).maxSamplesPerClass(testMode() ? batchSize : -1));
    // MLTK's cores=0.5
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    return SpecDataset.fromDirectory(files, this::waveform, threads, freshEachEpoch)
        .shuffle(Math.max(1, files.size()), 42)
        .batch(batchSize);
  }

  /** One file as the model input: the adjusted, louder or quieter waveform times 127, as int8. */
  float[] waveform(Path file, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = AudioFiles.read(file, SAMPLE_RATE);
    // offset_range (0, 1), trim_threshold_db 30
    x = AudioFiles.adjustLength(x, inputShape[0], TRIM_THRESHOLD_DB, random.nextDouble());
    // loudness_range (0.8, 1.0)
    float loudness = (float) (0.8 + 0.2 * random.nextDouble());
    for (int i = 0; i < x.length; i++) {
      x[i] *= loudness;
    }
    // MLTK's post_processing_callback: x *= 127; x.astype(np.int8)
    return AudioFiles.raw(x, 127);
  }

  /** Model layout: Conv1D 16 (7, stride 4), 32 (5), 64 (3), 128 (3), each + BN + ReLU + max pool 2; dense. */
  @Override
  public Network buildModel() {
    int filters = 16;
    int[][] stages = {{filters, 7, 4}, {2 * filters, 5, 1}, {4 * filters, 3, 1}, {8 * filters, 3, 1}};
    Sequential model = new Sequential(name());
    model.add(new InputLayer(inputShape()));
    for (int[] s : stages) {
      model.add(new Conv1D(kw("filters", s[0], "kernel_size", s[1], "strides", s[2], "padding", "same",
          "kernel_regularizer", Regularizers.l2(1e-4))));
      model.add(new BatchNormalization());
      model.add(new Activation("relu"));
      model.add(new MaxPooling1D(2));
    }
    model.add(new Flatten());
    model.add(new Dense(kw("units", nClasses(), "activation", "softmax")));
    return model;
  }
}
