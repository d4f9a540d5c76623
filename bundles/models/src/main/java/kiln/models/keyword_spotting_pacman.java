package kiln.models;

import static kiln.nn.Args.kw;

import java.util.List;
import kiln.api.data.FrontendSettings;
import kiln.nn.Activation;
import kiln.nn.BatchNormalization;
import kiln.nn.Conv2D;
import kiln.nn.Dense;
import kiln.nn.Flatten;
import kiln.nn.InputLayer;
import kiln.nn.MaxPooling2D;
import kiln.nn.Network;
import kiln.nn.Sequential;
import kiln.spec.AudioDatasetMixin;
import kiln.spec.EvaluateClassifierMixin;
import kiln.spec.KilnModel;
import kiln.spec.ParallelAudioDataGenerator;
import kiln.spec.TrainMixin;

/**
 * MLTK's keyword_spotting_pacman (mltk/models/siliconlabs/keyword_spotting_pacman.py): left,
 * right, up, down, stop, go for the Pac-Man demo, in Google Speech Commands v2. MLTK's own batch
 * function also mixes a recording of Pac-Man game play into 80% of the samples; Kiln's generator
 * has no such hook, so only the settings below apply.
 *
 * <p>@kiln_model
 */
public class keyword_spotting_pacman extends KilnModel
    implements TrainMixin, AudioDatasetMixin, EvaluateClassifierMixin {

  public keyword_spotting_pacman() {
    version = 1;
    description = "Keyword spotting classifier to detect: left, right, up, down, stop, go with Pac-Man video game"
        + " background noise";

    epochs = 80;
    batchSize = 16;
    optimizer = "adam";
    metrics = List.of("accuracy");
    loss = "categorical_crossentropy";
    checkpoint.put("monitor", "val_accuracy");
    reduceLrOnPlateau = kw("monitor", "loss", "factor", 0.95, "min_delta", 0.001, "patience", 1, "verbose", 1);
    earlyStopping = kw("monitor", "accuracy", "patience", 15, "verbose", 1);

    tfliteConverter.put("optimizations", List.of("DEFAULT"));
    tfliteConverter.put("supported_ops", List.of("TFLITE_BUILTINS_INT8"));
    tfliteConverter.put("inference_input_type", "int8");
    tfliteConverter.put("inference_output_type", "int8");
    tfliteConverter.put("representative_dataset", "generate");

    dataset = "speech_commands_v2";
    classMode = "categorical";
    classes = List.of("left", "right", "up", "down", "stop", "go", "_silence_");
    classWeights = "balanced";

    FrontendSettings frontend = FrontendSettings.builder()
        .sampleRateHz(16000)
        .sampleLengthMs(700)
        .windowSizeMs(20)
        .windowStepMs(10)
        .filterbankNChannels(70)
        .filterbankUpperBandLimit(8000)
        .filterbankLowerBandLimit(150)
        .noiseReductionEnable(false)
        .pcanEnable(false)
        .dcNotchFilterEnable(true)
        .dcNotchFilterCoefficient(0.95f)
        .quantizeDynamicScaleEnable(true)
        .quantizeDynamicScaleRangeDb(40.0f)
        .build();

    datagen = new ParallelAudioDataGenerator(kw(
        "dtype", "int8",
        "frontend_settings", frontend,
        "cores", 0.75,
        "debug", false,
        "max_batches_pending", 32,
        "validation_split", 0.15,
        "validation_augmentation_enabled", true,
        "samplewise_center", false,
        "samplewise_std_normalization", false,
        "rescale", null,
        "silence_class_percentage", 1,
        "offset_range", List.of(0.0, 1.0),
        "trim_threshold_db", 20,
        "noise_colors", "all",
        "loudness_range", List.of(0.6, 1.0),
        "speed_range", List.of(0.9, 1.1),
        "bg_noise_range", List.of(0.1, 0.8),
        "bg_noise_dir", "_background_noise_"));

    modelParameters.put("average_window_duration_ms", 150);
    modelParameters.put("detection_threshold_list", List.of(240, 240, 200, 215, 230, 200, 255));
    modelParameters.put("suppression_ms", 1);
    modelParameters.put("minimum_count", 2);
    modelParameters.put("volume_gain", 0.0);
    modelParameters.put("latency_ms", 10);
  }

  /** Model layout: five 3x3 conv (7, 14, 28, 28, 28 filters) + BN + ReLU + 2x2 max pool stages; dense. */
  @Override
  public Network buildModel() {
    int filters = 7;
    Sequential model = new Sequential(name());
    model.add(new InputLayer(inputShape()));
    for (int f : new int[] {filters, 2 * filters, 4 * filters, 4 * filters, 4 * filters}) {
      model.add(new Conv2D(kw("filters", f, "kernel_size", List.of(3, 3), "padding", "same")));
      model.add(new BatchNormalization());
      model.add(new Activation("relu"));
      model.add(new MaxPooling2D(2, 2));
    }
    model.add(new Flatten());
    model.add(new Dense(kw("units", nClasses(), "activation", "softmax")));
    return model;
  }
}
