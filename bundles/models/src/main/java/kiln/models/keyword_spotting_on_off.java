package kiln.models;

import static kiln.nn.Args.kw;

import java.util.List;
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
import kiln.nn.Regularizers;
import kiln.nn.Sequential;
import kiln.spec.AudioDatasetMixin;
import kiln.spec.EvaluateClassifierMixin;
import kiln.spec.KilnModel;
import kiln.spec.LrSchedule;
import kiln.spec.ParallelAudioDataGenerator;
import kiln.spec.TrainMixin;

/**
 * MLTK's keyword_spotting_on_off (mltk/models/siliconlabs/keyword_spotting_on_off.py): "on" and
 * "off" in Google Speech Commands v2 at 8 kHz, three strided 3x3 convolutions.
 *
 * <p>@kiln_model
 */
public class keyword_spotting_on_off extends KilnModel
    implements TrainMixin, AudioDatasetMixin, EvaluateClassifierMixin {

  public keyword_spotting_on_off() {
    version = 1;
    description = "Keyword spotting classifier to detect: \"on\" and \"off\"";

    epochs = 80;
    batchSize = 10;
    optimizer = "adam";
    metrics = List.of("accuracy");
    loss = "categorical_crossentropy";
    checkpoint.put("monitor", "val_accuracy");
    // 0.001 decayed by 0.95 every epoch
    lrSchedule = kw("schedule", (LrSchedule) (epoch, lr) -> 0.001 * Math.pow(0.95, epoch), "verbose", 1);

    tfliteConverter.put("optimizations", List.of("DEFAULT"));
    tfliteConverter.put("supported_ops", List.of("TFLITE_BUILTINS_INT8"));
    tfliteConverter.put("inference_input_type", "int8");
    tfliteConverter.put("inference_output_type", "int8");
    tfliteConverter.put("representative_dataset", "generate");

    dataset = "speech_commands_v2";
    classMode = "categorical";
    classes = List.of("on", "off", "_unknown_", "_silence_");
    classWeights = "balanced";

    FrontendSettings frontend = FrontendSettings.builder()
        .sampleRateHz(8000)
        .sampleLengthMs(1000)
        .windowSizeMs(30)
        .windowStepMs(20)
        .filterbankNChannels(32)
        .filterbankUpperBandLimit(4000 - 1)
        .filterbankLowerBandLimit(100.0f)
        .noiseReductionEnable(true)
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
        .build();

    datagen = new ParallelAudioDataGenerator(kw(
        "dtype", "int8",
        "frontend_settings", frontend,
        "cores", 0.45,
        "debug", false,
        "max_batches_pending", 16,
        "validation_split", 0.10,
        "validation_augmentation_enabled", true,
        "samplewise_center", false,
        "samplewise_std_normalization", false,
        "rescale", null,
        "unknown_class_percentage", 2.0,
        "silence_class_percentage", 0.3,
        "offset_range", List.of(0.0, 1.0),
        "trim_threshold_db", 30,
        "noise_colors", null,
        "loudness_range", List.of(0.2, 1.0),
        "speed_range", List.of(0.9, 1.1),
        "pitch_range", List.of(0.9, 1.1),
        "bg_noise_range", List.of(0.1, 0.4),
        "bg_noise_dir", "_background_noise_"));

    modelParameters.put("average_window_duration_ms", 1000);
    modelParameters.put("detection_threshold", 160);
    modelParameters.put("suppression_ms", 750);
    modelParameters.put("minimum_count", 3);
    modelParameters.put("volume_gain", 2);
    modelParameters.put("latency_ms", 100);
  }

  /** Model layout: conv 8, 16, 32 (3x3, stride 2, L2 1e-4) with BN and ReLU; max pool 7x1; dense. */
  @Override
  public Network buildModel() {
    int filters = 8;
    Sequential model = new Sequential(name());
    model.add(new InputLayer(inputShape()));
    for (int i = 0; i < 3; i++) {
      model.add(new Conv2D(kw("filters", filters << i, "kernel_size", List.of(3, 3), "padding", "same",
          "strides", List.of(2, 2), "kernel_regularizer", Regularizers.l2(1e-4))));
      model.add(new BatchNormalization());
      model.add(new Activation("relu"));
      if (i > 0) {
        model.add(new Dropout(i == 1 ? 0.1 : 0.3));
      }
    }
    model.add(new MaxPooling2D(7, 1));
    model.add(new Flatten());
    model.add(new Dense(kw("units", nClasses(), "activation", "softmax")));
    return model;
  }
}
