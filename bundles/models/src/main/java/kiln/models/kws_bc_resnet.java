package kiln.models;

import static kiln.nn.Args.kw;

import java.util.List;
import kiln.api.KilnException;
import kiln.api.data.FrontendSettings;
import kiln.nn.Network;
import kiln.spec.DatasetMixin;
import kiln.spec.EvaluateClassifierMixin;
import kiln.spec.KilnModel;
import kiln.spec.TrainMixin;

/**
 * MLTK's kws_bc_resnet (mltk/models/siliconlabs/kws_bc_resnet.py): the twelve Speech Commands
 * classes with Google's broadcasted residual network (BC-ResNet, kws_streaming's bc_resnet: first
 * conv 5x5 of 16 filters, BC-ResBlocks of 8, 12, 16, 20 filters (2, 2, 4, 4 blocks, dilations 1, 2,
 * 4, 8 in time), a 5x5 depthwise conv, 1x1 convs of 32 and 12 filters).
 *
 * <p>Its blocks need what Kiln lacks: SubSpectralNormalization (batch norm per group of 5 frequency
 * sub-bands), a mean over the frequency axis kept as a dimension, the swish activation,
 * SpatialDropout2D and an Add that broadcasts (T, 1, C) over (T, F, C); MLTK's builder also puts
 * kws_streaming's SpeechFeatures (MFCC from raw audio) in the model. Building the model fails naming
 * them.
 *
 * <p>MLTK loads Google Speech Commands v2 through its own tf.data pipeline (Kiln's
 * {@code speech_commands_v2} provider has these files) and trains with a stepped learning-rate
 * schedule over 100,000 batches, which Kiln's per-epoch callbacks cannot express.
 *
 * <p>@kiln_model
 */
public class kws_bc_resnet extends KilnModel implements TrainMixin, DatasetMixin, EvaluateClassifierMixin {

  /** The frontend MLTK stores in the model; its SpeechFeatures layer recomputes features from audio. */
  private static final FrontendSettings FRONTEND = FrontendSettings.builder()
      .sampleRateHz(16000)
      .sampleLengthMs(1000)
      .windowSizeMs(30)
      .windowStepMs(10)
      .filterbankNChannels(40)
      .filterbankUpperBandLimit(7500.0f)
      .filterbankLowerBandLimit(125.0f)
      .noiseReductionEnable(false)
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
      .activityDetectionEnable(false)
      .dcNotchFilterEnable(true)
      .dcNotchFilterCoefficient(0.95f)
      .quantizeDynamicScaleEnable(false)
      .build();

  public kws_bc_resnet() {
    version = 1;
    description = "Audio classifier example using the Tensorflow dataset API with augmentations";

    epochs = 9999;
    batchSize = 100;
    optimizer = kw("name", "adam", "epsilon", 1e-8);
    metrics = List.of("accuracy");
    loss = "categorical_crossentropy";
    checkpoint.put("monitor", "val_accuracy");

    tfliteConverter.put("optimizations", List.of("DEFAULT"));
    tfliteConverter.put("supported_ops", List.of("TFLITE_BUILTINS_INT8"));
    tfliteConverter.put("inference_input_type", "float32");
    tfliteConverter.put("inference_output_type", "float32");
    tfliteConverter.put("representative_dataset", "generate");

    dataset = "speech_commands_v2";
    classMode = "categorical";
    classes = List.of("yes", "no", "up", "down", "left", "right", "on", "off", "stop", "go", "_silence_",
        "_unknown_");
    classWeights = "balanced";
    validationSplit = 0.2;
    // MLTK: frontend_settings.spectrogram_shape + (1,)
    inputShape = new int[] {98, 40, 1};

    modelParameters.putAll(FRONTEND.toParameters());
    modelParameters.put("average_window_duration_ms", 1000);
    modelParameters.put("detection_threshold", 165);
  }

  @Override
  public Network buildModel() {
    throw missing(
        "SpeechFeatures (kws_streaming's in-model MFCC of raw audio)",
        "SubSpectralNormalization (batch normalization per frequency sub-band, 5 groups)",
        "a mean over the frequency axis with keepdims (tf.keras.backend.mean(axis=2))",
        "the swish activation",
        "SpatialDropout2D",
        "an Add that broadcasts (T, 1, C) over (T, F, C)");
  }

  /** The spec keeps MLTK's settings; its model cannot be built until Kiln has these. */
  private KilnException missing(String... what) {
    return new KilnException(name() + ": MLTK's layout needs what Kiln does not have yet: "
        + String.join("; ", what) + ". The spec keeps MLTK's settings; its model cannot be built until these"
        + " exist in kiln.nn and the trainer");
  }
}
