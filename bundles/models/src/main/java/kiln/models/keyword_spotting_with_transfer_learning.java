package kiln.models;

import static kiln.nn.Args.kw;

import java.util.List;
import kiln.api.data.FrontendSettings;
import kiln.nn.Input;
import kiln.nn.MobileNetV2;
import kiln.nn.Model;
import kiln.nn.Network;
import kiln.nn.Tensor;
import kiln.spec.AudioDatasetMixin;
import kiln.spec.EvaluateClassifierMixin;
import kiln.spec.KilnModel;
import kiln.spec.LrSchedule;
import kiln.spec.ParallelAudioDataGenerator;
import kiln.spec.TrainMixin;

/**
 * MLTK's keyword_spotting_with_transfer_learning
 * (mltk/models/siliconlabs/keyword_spotting_with_transfer_learning.py): the digits one to nine in
 * Google Speech Commands v2 with keyword_spotting_mobilenetv2's MobileNet v2 (width 0.15, 384 filters
 * in the last block).
 *
 * <p>As MLTK's, it starts from keyword_spotting_mobilenetv2's trained weights ({@code initialWeights}:
 * taken by layer-weight name, so the classifier, whose class count differs, keeps its initializers)
 * and fine-tunes every layer for 10 epochs. Train keyword_spotting_mobilenetv2 first: {@code train}
 * reads its archive {@code keyword_spotting_mobilenetv2.kiln.zip} from the current folder (or next to
 * its spec on the model path) and stops with an error saying so when there is none. The layout below
 * is keyword_spotting_mobilenetv2's, layer names included, which is what lets the weights carry over.
 *
 * <p>@kiln_model
 */
public class keyword_spotting_with_transfer_learning extends KilnModel
    implements TrainMixin, AudioDatasetMixin, EvaluateClassifierMixin {

  public keyword_spotting_with_transfer_learning() {
    version = 1;
    description = "Keyword spotting classifier using transfer learning to detect: \"one\", \"two\", \"three\","
        + " \"four\", \"five\", \"six\", \"seven\", \"eight\", \"nine\"";

    // MLTK's my_model_builder: keras_model.load_weights(base_model_h5_path, by_name=True, skip_mismatch=True)
    initialWeights = "keyword_spotting_mobilenetv2";
    epochs = 10;
    batchSize = 16;
    optimizer = "adam";
    metrics = List.of("accuracy");
    loss = "categorical_crossentropy";
    checkpoint.put("monitor", "val_accuracy");
    lrSchedule = kw("schedule", (LrSchedule) (epoch, lr) -> 0.0005 * Math.pow(0.95, epoch), "verbose", 1);

    tfliteConverter.put("optimizations", List.of("DEFAULT"));
    tfliteConverter.put("supported_ops", List.of("TFLITE_BUILTINS_INT8"));
    tfliteConverter.put("inference_input_type", "int8");
    tfliteConverter.put("inference_output_type", "int8");
    tfliteConverter.put("representative_dataset", "generate");

    dataset = "speech_commands_v2";
    classMode = "categorical";
    classes = List.of("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "_unknown_",
        "_silence_");
    classWeights = "balanced";

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

    datagen = new ParallelAudioDataGenerator(kw(
        "dtype", "int8",
        "frontend_settings", frontend,
        "cores", 0.65,
        "debug", false,
        "max_batches_pending", 32,
        "validation_split", 0.15,
        "validation_augmentation_enabled", false,
        "samplewise_center", false,
        "samplewise_std_normalization", false,
        "rescale", null,
        "unknown_class_percentage", 1.0,
        "silence_class_percentage", 0.2,
        "offset_range", List.of(0.0, 1.0),
        "trim_threshold_db", 20,
        "noise_colors", null,
        "bg_noise_range", List.of(0.0, 0.4),
        "bg_noise_dir", "_background_noise_"));

    modelParameters.put("average_window_duration_ms", 1000);
    modelParameters.put("detection_threshold", 145);
    modelParameters.put("suppression_ms", 750);
    modelParameters.put("minimum_count", 3);
    modelParameters.put("volume_gain", 2);
    modelParameters.put("latency_ms", 100);
  }

  /** Model layout: MLTK's MobileNetV2(alpha=0.15, last_block_filters=384). */
  @Override
  public Network buildModel() {
    Tensor in = Input.of(inputShape());
    return new Model(name(), in, MobileNetV2.classifier(in, nClasses(), 0.15, 384));
  }
}
