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
 * Kiln's main job: the tflite_micro_speech layout trained on the embedded {@code yes_no} dataset
 * ("yes", "no", other words as _unknown_, background noise as _silence_). It trains offline on a fresh
 * machine; epochs and early stopping are set so training ends within minutes on 2 cores.
 *
 * <p>@kiln_model
 */
public class keyword_spotting_yes_no extends KilnModel
    implements TrainMixin, AudioDatasetMixin, EvaluateClassifierMixin {

  public keyword_spotting_yes_no() {
    // General settings
    version = 1;
    description = "Keyword spotting: yes, no (tflite_micro_speech layout on the yes_no dataset)";

    // Training basic settings
    epochs = 200; // at most; early stopping ends training after ~100 epochs (about a minute on 2 cores)
    // the search space of ./kiln tune: each hp call's first value is the setting ./kiln train uses
    batchSize = hp.choice("batch_size", 32, 64);
    optimizer = "adam";
    metrics = List.of("accuracy");
    loss = "categorical_crossentropy";

    // Training callback settings. The validation clips are what the archived accuracy is measured on,
    // and yes_no has no third split: so nothing is chosen by them (unlike MLTK's specs, which watch
    // val_accuracy): the checkpoint, the schedule and early stopping all watch the training accuracy.
    checkpoint.put("monitor", "accuracy");
    // If the accuracy doesn't improve after 'patience' epochs then decrease the learning rate by 'factor'
    reduceLrOnPlateau = kw("monitor", "accuracy", "factor", 0.5, "patience", 8);
    // If the training accuracy doesn't improve after 'patience' epochs then stop training
    // (augmented training is noisy: patient callbacks, and the best epoch's weights are kept)
    earlyStopping = kw("monitor", "accuracy", "patience", 40, "restore_best_weights", true);

    // TF-Lite converter settings
    tfliteConverter.put("optimizations", List.of("DEFAULT"));
    tfliteConverter.put("supported_ops", List.of("TFLITE_BUILTINS_INT8"));
    tfliteConverter.put("inference_input_type", "int8");
    tfliteConverter.put("inference_output_type", "int8");
    // generate a representative dataset from the validation data
    tfliteConverter.put("representative_dataset", "generate");

    // Audio data provider settings
    dataset = "yes_no"; // embedded in Kiln: works offline
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
        .filterbankNChannels(hp.choice("fe.filterbank_n_channels", 40, 20, 32))
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
        "cores", 0.5,
        "debug", false,
        "max_batches_pending", 16,
        "validation_split", 0.2,
        "validation_augmentation_enabled", false,
        "samplewise_center", false,
        "samplewise_std_normalization", false,
        "rescale", null,
        "unknown_class_percentage", 1.0,
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
    // The random offset and background noise are what make the model hear real speech: trained on the
    // clean synthetic clips alone it scores 0.99 on them but calls TensorFlow Lite Micro's recorded
    // "yes" and "no" _unknown_; with them it reaches ~0.955 and classifies those recordings right.

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
        "filters", hp.choice("filters", 8, 4, 16),
        "kernel_size", List.of(10, 8),
        "use_bias", true,
        "padding", "same",
        "strides", List.of(2, 2))));
    // momentum 0.9 (Keras: 0.99) lets the moving statistics follow the ~40 steps of an epoch of the small
    // embedded set; with 0.99 the validation accuracy swung by up to 30 points from epoch to epoch
    model.add(new BatchNormalization(kw("momentum", 0.9)));
    model.add(new Activation("relu"));
    model.add(new Dropout(hp.choice("dropout", 0.5, 0.25)));
    model.add(new Flatten());
    model.add(new Dense(kw("units", nClasses(), "use_bias", true, "activation", "softmax")));
    return model;
  }
}
