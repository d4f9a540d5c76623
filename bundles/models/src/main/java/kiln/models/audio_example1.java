package kiln.models;

import static kiln.nn.Args.kw;

import java.util.List;
import kiln.api.data.FrontendSettings;
import kiln.nn.Activation;
import kiln.nn.BatchNormalization;
import kiln.nn.Conv2D;
import kiln.nn.Dense;
import kiln.nn.DepthwiseConv2D;
import kiln.nn.Flatten;
import kiln.nn.MaxPooling2D;
import kiln.nn.Network;
import kiln.nn.Sequential;
import kiln.spec.AudioDatasetMixin;
import kiln.spec.EvaluateClassifierMixin;
import kiln.spec.KilnModel;
import kiln.spec.ParallelAudioDataGenerator;
import kiln.spec.TrainMixin;

/**
 * MLTK's audio_example1: a keyword spotting classifier for "left", "right", "up", "down" on Google
 * Speech Commands v2.
 *
 * <p>@kiln_model
 */
public class audio_example1 extends KilnModel
    implements TrainMixin, AudioDatasetMixin, EvaluateClassifierMixin {

  public audio_example1() {
    // General settings
    version = 1;
    description = "Audio classifier example for detecting left/right/up/down keywords";

    // Training basic settings
    epochs = -1; // the EarlyStopping callback ends training
    batchSize = 64;
    optimizer = "adam";
    metrics = List.of("accuracy");
    loss = "categorical_crossentropy";

    // Training callback settings
    // MLTK's spec also sets "update_freq", "batch": Kiln writes TensorBoard scalars once per
    // epoch and refuses per-batch updates, so the spec keeps the default
    tensorboard = kw(
        "histogram_freq", 0,
        "write_graph", false,
        "write_images", false,
        "profile_batch", List.of(51, 51));
    checkpoint.put("monitor", "val_accuracy");
    // in practice patience should be larger (e.g. 15) but that lengthens training
    reduceLrOnPlateau = kw("monitor", "accuracy", "factor", 0.25, "patience", 4);
    // in practice patience should be larger (e.g. 45) but that lengthens training
    earlyStopping = kw("monitor", "val_accuracy", "patience", 15);

    // TF-Lite converter settings
    tfliteConverter.put("optimizations", List.of("DEFAULT"));
    tfliteConverter.put("supported_ops", List.of("TFLITE_BUILTINS_INT8"));
    tfliteConverter.put("inference_input_type", "int8");
    tfliteConverter.put("inference_output_type", "int8");
    tfliteConverter.put("representative_dataset", "generate");

    // Audio data provider settings
    dataset = "speech_commands_v2";
    classMode = "categorical";
    classes = List.of("up", "down", "left", "right", "_unknown_", "_silence_");
    classWeights = "balanced";

    // Audio feature generator settings
    FrontendSettings frontend = FrontendSettings.builder()
        .sampleRateHz(16000)
        .sampleLengthMs(1200)
        .windowSizeMs(30)
        .windowStepMs(20)
        .filterbankNChannels(49)
        .filterbankUpperBandLimit(4000 - 1)
        .filterbankLowerBandLimit(125.0f)
        .noiseReductionEnable(true)
        .noiseReductionSmoothingBits(10)
        .noiseReductionEvenSmoothing(0.025f)
        .noiseReductionOddSmoothing(0.06f)
        .noiseReductionMinSignalRemaining(0.03f)
        .pcanEnable(false)
        .pcanStrength(0.95f)
        .pcanOffset(80.0f)
        .pcanGainBits(21)
        .logScaleEnable(true)
        .logScaleShift(6)
        .build();

    // Parallel audio data generator settings
    datagen = new ParallelAudioDataGenerator(kw(
        "dtype", tfliteConverter.get("inference_input_type"),
        "frontend_settings", frontend,
        "cores", 0.45,
        "debug", false,
        "max_batches_pending", 32,
        "validation_split", 0.15,
        "validation_augmentation_enabled", false,
        "samplewise_center", false,
        "samplewise_std_normalization", false,
        "rescale", null,
        "unknown_class_percentage", 2, // in practice larger (e.g. 4.0), but training takes longer
        "silence_class_percentage", 0.2,
        "offset_range", List.of(0.0, 1.0),
        "trim_threshold_db", 20,
        "noise_colors", null,
        "bg_noise_range", List.of(0.0, 0.3),
        "bg_noise_dir", "_background_noise_"));

    // Audio classifier settings stored in the .tflite (used by classify_audio)
    modelParameters.put("average_window_duration_ms", 1000);
    modelParameters.put("detection_threshold", 165);
    modelParameters.put("suppression_ms", 750);
    modelParameters.put("minimum_count", 3);
    modelParameters.put("volume_gain", 2);
    modelParameters.put("latency_ms", 100);
    modelParameters.put("verbose_model_output_logs", false);
  }

  /** Model layout. */
  @Override
  public Network buildModel() {
    Sequential model = new Sequential(name());
    model.add(new DepthwiseConv2D(kw(
        "kernel_size", List.of(7, 7),
        "depth_multiplier", 8,
        "strides", List.of(2, 2),
        "use_bias", true,
        "padding", "same",
        "input_shape", inputShape())));
    model.add(new BatchNormalization());
    model.add(new Activation("relu"));
    model.add(new Conv2D(kw("kernel_size", List.of(3, 3), "filters", 24, "strides", List.of(2, 2),
        "use_bias", true, "padding", "valid")));
    model.add(new BatchNormalization());
    model.add(new Activation("relu"));
    model.add(new MaxPooling2D(kw("pool_size", List.of(2, 2), "strides", List.of(2, 2), "padding", "valid")));
    model.add(new Conv2D(kw("kernel_size", List.of(3, 3), "filters", 20, "strides", List.of(1, 1),
        "use_bias", true, "padding", "valid")));
    model.add(new BatchNormalization());
    model.add(new Activation("relu"));
    model.add(new MaxPooling2D(kw("pool_size", List.of(2, 2), "strides", List.of(2, 2), "padding", "valid")));
    model.add(new Flatten());
    model.add(new Dense(kw("units", nClasses(), "activation", "softmax")));
    return model;
  }
}
