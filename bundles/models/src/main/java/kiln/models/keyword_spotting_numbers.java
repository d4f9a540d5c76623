package kiln.models;

import static kiln.nn.Args.kw;

import java.util.List;
import kiln.api.data.FrontendSettings;
import kiln.nn.Activation;
import kiln.nn.Dense;
import kiln.nn.Input;
import kiln.nn.LSTM;
import kiln.nn.LastTimeStep;
import kiln.nn.LayerNormalization;
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
 * MLTK's keyword_spotting_numbers (mltk/models/siliconlabs/keyword_spotting_numbers.py): the
 * digits zero to nine, a TENet12 trunk (40 channels, 4 blocks) followed by layer normalization, an
 * LSTM of 40 cells over the remaining time steps, layer normalization, the last step's output
 * (LastTimeStep, MLTK's {@code Lambda(lambda x: x[:, -1, :])}) and a dense softmax with layer
 * normalization. The LSTM is exported as UNIDIRECTIONAL_SEQUENCE_LSTM, int8 with an int16 cell as
 * TFLite Micro's kernel runs it; Kiln writes no cell clip (Keras clips nothing), where MLTK's
 * converter wrote 10.0. The MAC count leaves the LSTM out, as MLTK's profiler does (5.074 M).
 *
 * <p>MLTK builds its data with its own tf.data pipeline: MLTK's ten_digits recordings
 * (mltk.datasets.audio.ten_digits), MLCommons keywords and ESC-50 sounds as _unknown_, the MIT
 * impulse-response survey and background noise recorded on the BRD2601 board, augmented with
 * audiomentations. Kiln has no {@code ten_digits} provider, so {@code train} names it as missing;
 * the generator carries MLTK's frontend settings and validation split only. MLTK's stepped
 * learning-rate schedule has no Kiln equivalent (see keyword_spotting_alexa).
 *
 * <p>@kiln_model
 */
public class keyword_spotting_numbers extends KilnModel
    implements TrainMixin, AudioDatasetMixin, EvaluateClassifierMixin {

  public keyword_spotting_numbers() {
    version = 1;
    description = "Keyword spotting classifier to detect: zero, one, two, three, four, five, six, seven, eight,"
        + " nine";

    epochs = 9999;
    batchSize = 64;
    optimizer = kw("name", "adam", "learning_rate", 0.001, "epsilon", 1e-8);
    metrics = List.of("accuracy");
    loss = "categorical_crossentropy";
    checkpoint.put("monitor", "val_accuracy");

    tfliteConverter.put("optimizations", List.of("DEFAULT"));
    tfliteConverter.put("supported_ops", List.of("TFLITE_BUILTINS_INT8"));
    // MLTK normalizes the input samples, so its file takes and gives float32
    tfliteConverter.put("inference_input_type", "float32");
    tfliteConverter.put("inference_output_type", "float32");
    tfliteConverter.put("representative_dataset", "generate");
    tfliteConverter.put("representative_dataset_max_samples", 10 * 1000);

    dataset = "ten_digits";
    classMode = "categorical";
    classes = List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
        "_unknown_");
    classWeights = "balanced";

    FrontendSettings frontend = FrontendSettings.builder()
        .sampleRateHz(16000)
        .sampleLengthMs(1000)
        .windowSizeMs(30)
        .windowStepMs(10)
        .filterbankNChannels(40)
        .filterbankUpperBandLimit(7500.0f)
        .filterbankLowerBandLimit(125.0f)
        .noiseReductionEnable(true)
        .noiseReductionSmoothingBits(10)
        .noiseReductionEvenSmoothing(0.025f)
        .noiseReductionOddSmoothing(0.06f)
        .noiseReductionMinSignalRemaining(0.40f)
        .dcNotchFilterEnable(true)
        .dcNotchFilterCoefficient(0.95f)
        .quantizeDynamicScaleEnable(false)
        .build();

    datagen = new ParallelAudioDataGenerator(kw(
        "dtype", "int8",
        "frontend_settings", frontend,
        "validation_split", 0.15));

    modelParameters.put("samplewise_norm.mean_and_std", true);
    modelParameters.put("average_window_duration_ms", 450);
    modelParameters.put("detection_threshold", (int) (0.95 * 255));
    modelParameters.put("suppression_ms", 700);
    modelParameters.put("minimum_count", 2);
    modelParameters.put("volume_gain", 0.0);
    modelParameters.put("latency_ms", 10);
    modelParameters.put("verbose_model_output_logs", false);
  }

  /**
   * Model layout (MLTK's my_model_builder): the TENet12 trunk (40 channels, 4 blocks, no head) on
   * the (T, 1, 40) spectrogram, its features as (T, 40), LayerNormalization, LSTM(40, tanh,
   * return_sequences), LayerNormalization, the last time step (MLTK's {@code Lambda(lambda x:
   * x[:, -1, :])}), Dense(classes), LayerNormalization and softmax.
   */
  @Override
  public Network buildModel() {
    int[] s = inputShape();
    Tensor in = Input.of(s);
    Tensor x = new Reshape(kw("target_shape", List.of(s[0], 1, s[1]))).apply(in);
    x = Tenet.tenet(x, nClasses(), s[1], 4, 4, List.of(9), false, 0.1);
    x = new Reshape(kw("target_shape", List.of(x.shape()[0], s[1]))).apply(x);
    x = new LayerNormalization().apply(x);
    x = new LSTM(kw("units", s[1], "activation", "tanh", "return_sequences", true)).apply(x);
    x = new LayerNormalization().apply(x);
    x = new LastTimeStep().apply(x);
    x = new Dense(nClasses()).apply(x);
    x = new LayerNormalization().apply(x);
    return new Model(name(), in, new Activation("softmax").apply(x));
  }
}
