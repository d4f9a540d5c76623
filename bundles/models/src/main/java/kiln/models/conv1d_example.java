package kiln.models;

import static kiln.nn.Args.kw;

import java.util.List;
import kiln.api.data.FrontendSettings;
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
import kiln.spec.AudioDatasetMixin;
import kiln.spec.EvaluateClassifierMixin;
import kiln.spec.KilnModel;
import kiln.spec.LrSchedule;
import kiln.spec.ParallelAudioDataGenerator;
import kiln.spec.TrainMixin;

/**
 * MLTK's (and YZLite's) conv1d_example (mltk/models/examples/conv1d_example.py): heartbeat rhythm
 * classes (normal sinus rhythm, atrial premature beat, atrial fibrillation, premature ventricular
 * contraction) from 10 s of one-lead ECG at 360 Hz, read as audio with the frontend off, with
 * four Conv1D + batch norm + ReLU + MaxPooling1D stages. MLTK downloads the waveforms
 * (ekg_waveforms.zip, datasets/ekg_waveforms/v1); Kiln has no {@code ekg_waveforms} provider, so
 * {@code train} names it as missing. MLTK feeds the raw waveform (frontend off) and its
 * post-processing callback scales the (-1, 1) samples by 127 into int8; Kiln's audio generator
 * produces spectrograms only and refuses {@code frontend_enabled=false} with a message saying so,
 * so training needs that generator mode too. The layout, its quantized file and its profile work.
 *
 * <p>@kiln_model
 */
public class conv1d_example extends KilnModel
    implements TrainMixin, AudioDatasetMixin, EvaluateClassifierMixin {

  private static final int SAMPLE_RATE = 360;
  private static final double SAMPLE_LENGTH_SECONDS = 10.0;

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

    dataset = "ekg_waveforms";
    classMode = "categorical";
    classes = List.of("1 NSR", "2 APB", "4 AFIB", "7 PVC");
    int samples = (int) (SAMPLE_RATE * SAMPLE_LENGTH_SECONDS);
    inputShape = new int[] {samples, 1};

    FrontendSettings frontend = FrontendSettings.builder()
        .sampleLengthMs((int) (SAMPLE_LENGTH_SECONDS * 1000))
        .sampleRateHz(SAMPLE_RATE)
        .build();

    datagen = new ParallelAudioDataGenerator(kw(
        "dtype", "int8",
        "frontend_enabled", false,
        "frontend_settings", frontend,
        "sample_shape", new int[] {samples, 1},
        "cores", 0.5,
        "debug", false,
        "max_batches_pending", 16,
        "validation_split", 0.1,
        "validation_augmentation_enabled", true,
        "samplewise_center", false,
        "samplewise_std_normalization", false,
        "rescale", null,
        "unknown_class_percentage", 0.0,
        "silence_class_percentage", 0.0,
        "offset_range", List.of(0.0, 1.0),
        "trim_threshold_db", 30,
        "noise_colors", null,
        "loudness_range", List.of(0.8, 1.0),
        "speed_range", List.of(0.9, 1.1),
        "pitch_range", List.of(0.9, 1.1),
        "bg_noise_range", List.of(0.1, 0.2),
        "bg_noise_dir", null));
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
