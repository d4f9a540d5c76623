package kiln.models;

import static kiln.nn.Args.kw;

import java.util.List;
import kiln.api.data.FrontendSettings;
import kiln.nn.Input;
import kiln.nn.Model;
import kiln.nn.Network;
import kiln.nn.Reshape;
import kiln.nn.Tensor;
import kiln.nn.Tenet;
import kiln.spec.AudioDatasetMixin;
import kiln.spec.EvaluateClassifierMixin;
import kiln.spec.KilnModel;
import kiln.spec.ParallelAudioDataGenerator;
import kiln.spec.TrainMixin;

/**
 * MLTK's keyword_spotting_heygecko (mltk/models/siliconlabs/keyword_spotting_heygecko.py): "Hey
 * Gecko" against everything else, with TENet12 (channels 32, 3 blocks of depth 4) over a 248x108
 * spectrogram read as a 248-step time series of 108 features.
 *
 * <p>MLTK builds its data with its own tf.data pipeline: MLTK's hey_gecko recordings
 * (mltk.datasets.audio.hey_gecko), MLCommons keywords and voice subsets and ESC-50 sounds as
 * _unknown_, and the MIT impulse-response survey, mixed with background noise recorded on the
 * BRD2601 board and ambient recordings, each clip augmented with audiomentations (gain, background
 * noise at random SNR, Gaussian noise) and cropped keywords added as _unknown_. Kiln has no
 * provider for these sets, so {@code train} names {@code hey_gecko} as missing; the generator below
 * carries MLTK's frontend settings and validation split only (audiomentations' transforms have no
 * Kiln equivalent).
 *
 * <p>MLTK trains with a SteppedLearnRateScheduler that changes the learning rate every few thousand
 * batches (100 steps each at 0.001 to 0.004, then 10,000 at 0.005, 10,000 at 0.002, 5,000 each at
 * 0.0005, 1e-5, 1e-6 and 1e-7) and stops training after the last step; Kiln's callbacks run per
 * epoch, so this spec uses Adam at 0.001 (epsilon 1e-8, as MLTK compiles it) and MLTK's epoch
 * limit.
 *
 * <p>The model reshapes the generator's (T, F, 1) spectrogram to TENet's (T, 1, F); the bytes are in
 * the same order, so the exported file takes (T, 1, F) at its input with no RESHAPE op, as MLTK's.
 *
 * <p>@kiln_model
 */
public class keyword_spotting_heygecko extends KilnModel
    implements TrainMixin, AudioDatasetMixin, EvaluateClassifierMixin {

  public keyword_spotting_heygecko() {
    version = 1;
    description = "Keyword spotting classifier to detect: \"Hey Gecko\"";

    epochs = 9999;
    batchSize = 48;
    optimizer = kw("name", "adam", "learning_rate", 0.001, "epsilon", 1e-8);
    metrics = List.of("accuracy");
    loss = "categorical_crossentropy";
    checkpoint.put("monitor", "val_accuracy");

    tfliteConverter.put("optimizations", List.of("DEFAULT"));
    tfliteConverter.put("supported_ops", List.of("TFLITE_BUILTINS_INT8"));
    tfliteConverter.put("inference_input_type", "int8");
    tfliteConverter.put("inference_output_type", "int8");
    tfliteConverter.put("representative_dataset", "generate");

    dataset = "hey_gecko";
    classMode = "categorical";
    classes = List.of("heygecko", "_unknown_");
    classWeights = "balanced";

    FrontendSettings frontend = FrontendSettings.builder()
        .sampleRateHz(16000)
        .sampleLengthMs(2500)
        .windowSizeMs(30)
        .windowStepMs(10)
        .filterbankNChannels(108)
        .filterbankUpperBandLimit(7500.0f)
        .filterbankLowerBandLimit(125.0f)
        .noiseReductionEnable(true)
        .noiseReductionSmoothingBits(10)
        .noiseReductionEvenSmoothing(0.025f)
        .noiseReductionOddSmoothing(0.06f)
        .noiseReductionMinSignalRemaining(0.40f)
        .dcNotchFilterEnable(true)
        .dcNotchFilterCoefficient(0.95f)
        .quantizeDynamicScaleEnable(true)
        .quantizeDynamicScaleRangeDb(40.0f)
        .build();

    datagen = new ParallelAudioDataGenerator(kw(
        "dtype", "int8",
        "frontend_settings", frontend,
        "validation_split", 0.10));

    modelParameters.put("latency_ms", 200);
    modelParameters.put("minimum_count", 2);
    modelParameters.put("average_window_duration_ms", (int) (200 * 2 * 1.1));
    modelParameters.put("detection_threshold", (int) (.90 * 255));
    modelParameters.put("suppression_ms", 0);
    modelParameters.put("volume_gain", 0);
    modelParameters.put("verbose_model_output_logs", false);
  }

  /** Model layout: MLTK's TENet12(channels 32, 3 blocks of depth 4). */
  @Override
  public Network buildModel() {
    int[] s = inputShape();
    Tensor in = Input.of(s);
    Tensor x = new Reshape(kw("target_shape", List.of(s[0], 1, s[1]))).apply(in);
    return new Model(name(), in, Tenet.tenet12(x, nClasses(), 32, 3));
  }
}
