package kiln.models;

import static kiln.nn.Args.kw;

import java.util.List;
import kiln.api.data.FrontendSettings;
import kiln.nn.Activation;
import kiln.nn.Add;
import kiln.nn.BatchNormalization;
import kiln.nn.Conv2D;
import kiln.nn.DepthwiseConv2D;
import kiln.nn.Flatten;
import kiln.nn.GlobalAveragePooling2D;
import kiln.nn.Input;
import kiln.nn.Model;
import kiln.nn.Network;
import kiln.nn.ReduceMean;
import kiln.nn.SpatialDropout2D;
import kiln.nn.SubSpectralNormalization;
import kiln.nn.Tensor;
import kiln.spec.DatasetMixin;
import kiln.spec.EvaluateClassifierMixin;
import kiln.spec.KilnModel;
import kiln.spec.TrainMixin;

/**
 * MLTK's kws_bc_resnet (mltk/models/siliconlabs/kws_bc_resnet.py): the twelve Speech Commands
 * classes with Google's broadcasted residual network (kws_streaming's bc_resnet with MLTK's flags:
 * a first conv 5x5 of 16 filters with strides (1, 2), then per stage a transition block and 2, 2, 4,
 * 4 normal blocks of 8, 12, 16, 20 filters, frequency strides 1, 2, 2, 1, time dilations 1, 2, 4, 8,
 * spatial dropout 0.1, sub-spectral normalization in 5 groups; a 5x5 depthwise conv, the mean over
 * frequency, 1x1 convs of 32 and 12 filters).
 *
 * <p>Two deviations from MLTK, both because of what the exported model takes and gives:
 * <ul>
 *   <li>MLTK's builder puts kws_streaming's SpeechFeatures layer in the model (preprocess 'raw':
 *       log-mel features of 16,000 raw samples computed inside the network, feature_type mfcc_tf
 *       with no DCT). Kiln has no in-model feature layer; this spec reads Kiln's microfrontend
 *       spectrogram of the same frontend settings instead (98 frames of 40 channels, the shape
 *       MLTK stores as spectrogram_shape), as the other keyword-spotting specs do.</li>
 *   <li>MLTK returns logits (return_softmax 0) and trains with SparseCategoricalCrossentropy
 *       from logits. Kiln ends with a softmax and trains with categorical cross-entropy, which it
 *       computes from the logits before that softmax: the same loss, and the evaluators read
 *       probabilities.</li>
 * </ul>
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

  /** Blocks per stage, filters, time dilation and frequency stride of each stage (MLTK's flags). */
  private static final int[] BLOCKS = {2, 2, 4, 4};
  private static final int[] FILTERS = {8, 12, 16, 20};
  private static final int[] DILATIONS = {1, 2, 4, 8};
  private static final int[] FREQUENCY_STRIDES = {1, 2, 2, 1};
  private static final double DROPOUT = 0.1;
  private static final int SUB_GROUPS = 5;

  @Override
  public Network buildModel() {
    Tensor in = Input.of(inputShape());
    Tensor x = new Conv2D(kw("filters", 16, "kernel_size", 5, "strides", List.of(1, 2), "padding", "same")).apply(in);
    for (int stage = 0; stage < BLOCKS.length; stage++) {
      x = transitionBlock(x, FILTERS[stage], DILATIONS[stage], FREQUENCY_STRIDES[stage]);
      for (int b = 0; b < BLOCKS[stage]; b++) {
        x = normalBlock(x, FILTERS[stage], DILATIONS[stage]);
      }
    }
    x = new DepthwiseConv2D(kw("kernel_size", 5, "padding", "same")).apply(x);
    x = new ReduceMean(2, true).apply(x);
    x = new Conv2D(kw("filters", 32, "kernel_size", 1, "use_bias", false)).apply(x);
    x = new GlobalAveragePooling2D(kw("keepdims", true)).apply(x);
    x = new Conv2D(kw("filters", nClasses(), "kernel_size", 1, "use_bias", false)).apply(x);
    x = new Flatten().apply(x); // tf.squeeze(net, [1, 2])
    Tensor out = new Activation("softmax").apply(x);
    return new Model(name(), in, out);
  }

  /** kws_streaming's TransitionBlock: a 1x1 conv changes the channels (and frequency stride). */
  private static Tensor transitionBlock(Tensor x, int filters, int dilation, int frequencyStride) {
    x = new Conv2D(kw("filters", filters, "kernel_size", 1, "strides", List.of(1, frequencyStride),
        "use_bias", false)).apply(x);
    x = new BatchNormalization().apply(x);
    x = new Activation("relu").apply(x);
    Tensor residual = subSpectral(x, dilation);
    return new Activation("relu").apply(new Add().apply(broadcastBranch(residual, filters, dilation), residual));
  }

  /** kws_streaming's NormalBlock: the identity, the sub-spectral residual and the broadcast branch. */
  private static Tensor normalBlock(Tensor x, int filters, int dilation) {
    Tensor residual = subSpectral(x, dilation);
    Tensor y = new Add().apply(broadcastBranch(residual, filters, dilation), x, residual);
    return new Activation("relu").apply(y);
  }

  /** Frequency depthwise conv (1x3) then sub-spectral normalization. */
  private static Tensor subSpectral(Tensor x, int dilation) {
    x = new DepthwiseConv2D(kw("kernel_size", List.of(1, 3), "dilation_rate", List.of(dilation, 1),
        "padding", "same", "use_bias", false)).apply(x);
    return new SubSpectralNormalization(SUB_GROUPS).apply(x);
  }

  /** Mean over frequency, temporal depthwise conv (3x1, dilated), BN, swish, 1x1 conv, spatial dropout. */
  private static Tensor broadcastBranch(Tensor x, int filters, int dilation) {
    x = new ReduceMean(2, true).apply(x);
    x = new DepthwiseConv2D(kw("kernel_size", List.of(3, 1), "dilation_rate", List.of(dilation, 1),
        "padding", "same", "use_bias", false)).apply(x);
    x = new BatchNormalization().apply(x);
    x = new Activation("swish").apply(x);
    x = new Conv2D(kw("filters", filters, "kernel_size", 1, "use_bias", false)).apply(x);
    return new SpatialDropout2D(DROPOUT).apply(x);
  }
}
