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
import kiln.nn.Network;
import kiln.nn.Sequential;
import kiln.spec.AudioDatasetMixin;
import kiln.spec.EvaluateClassifierMixin;
import kiln.spec.KilnModel;
import kiln.spec.ParallelAudioDataGenerator;
import kiln.spec.TrainMixin;

/**
 * TF-Lite Micro speech reference model (MLTK's tflite_micro_speech): "yes", "no", unknown words and
 * silence from Google Speech Commands v2.
 *
 * <p>@kiln_model
 */
public class tflite_micro_speech extends KilnModel
    implements TrainMixin, AudioDatasetMixin, EvaluateClassifierMixin {

  public tflite_micro_speech() {
    // General settings
    version = 1;
    description = "TFLite-Micro speech";

    // Training basic settings
    epochs = -1; // the EarlyStopping callback ends training
    batchSize = 32;
    optimizer = "adam";
    metrics = List.of("accuracy");
    loss = "categorical_crossentropy";

    // Training callback settings
    checkpoint.put("monitor", "val_accuracy");
    // If the accuracy doesn't improve after 'patience' epochs then decrease the learning rate by 'factor'
    reduceLrOnPlateau = kw("monitor", "accuracy", "factor", 0.25, "patience", 7);
    // If the validation accuracy doesn't improve after 'patience' epochs then stop training
    earlyStopping = kw("monitor", "val_accuracy", "patience", 20);

    // TF-Lite converter settings
    tfliteConverter.put("optimizations", List.of("DEFAULT"));
    tfliteConverter.put("supported_ops", List.of("TFLITE_BUILTINS_INT8"));
    tfliteConverter.put("inference_input_type", "int8");
    tfliteConverter.put("inference_output_type", "int8");
    // generate a representative dataset from the validation data
    tfliteConverter.put("representative_dataset", "generate");

    // Audio data provider settings
    dataset = "speech_commands_v2";
    classMode = "categorical";
    classes = List.of("yes", "no", "_unknown_", "_silence_");
    // each class contributes equally to training although their sample counts differ
    classWeights = "balanced";

    // Audio feature generator settings
    FrontendSettings frontend = FrontendSettings.builder()
        .sampleRateHz(16000)
        .sampleLengthMs(1000)
        .windowSizeMs(30)
        .windowStepMs(20)
        .filterbankNChannels(40)
        .filterbankUpperBandLimit(7500)
        .filterbankLowerBandLimit(125.0f)
        .noiseReductionEnable(true)
        .noiseReductionSmoothingBits(10)
        .noiseReductionEvenSmoothing(0.025f)
        .noiseReductionOddSmoothing(0.06f)
        .noiseReductionMinSignalRemaining(0.05f)
        .pcanEnable(true)
        .pcanStrength(0.95f)
        .pcanOffset(80.0f)
        .pcanGainBits(21)
        .logScaleEnable(true)
        .logScaleShift(6)
        .build();

    // Parallel audio data generator settings
    datagen = new ParallelAudioDataGenerator(kw(
        "dtype", "int8",
        "frontend_settings", frontend,
        "cores", 0.35,
        "debug", false,
        "max_batches_pending", 16,
        "validation_split", 0.15,
        "validation_augmentation_enabled", false,
        "samplewise_center", false,
        "samplewise_std_normalization", false,
        "rescale", null,
        "unknown_class_percentage", 3,
        "silence_class_percentage", 0.2,
        "offset_range", List.of(0.0, 1.0),
        "trim_threshold_db", 20,
        "noise_colors", null,
        // "loudness_range", List.of(0.6, 3.0), in practice these help but lengthen training
        // "speed_range", List.of(0.6, 1.9),
        // "pitch_range", List.of(0.7, 1.4),
        // "vtlp_range", List.of(0.7, 1.4),
        "bg_noise_range", List.of(0.0, 0.3),
        "bg_noise_dir", "_background_noise_"));

    // Audio classifier settings stored in the .tflite (used by classify_audio)
    modelParameters.put("average_window_duration_ms", 1000);
    modelParameters.put("detection_threshold", 185);
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
    model.add(new InputLayer(inputShape()));
    model.add(new Conv2D(kw(
        "filters", 8,
        "kernel_size", List.of(10, 8),
        "use_bias", true,
        "padding", "same",
        "strides", List.of(2, 2))));
    model.add(new BatchNormalization());
    model.add(new Activation("relu"));
    model.add(new Dropout(0.5));
    model.add(new Flatten());
    model.add(new Dense(kw("units", nClasses(), "use_bias", true, "activation", "softmax")));
    return model;
  }
}
