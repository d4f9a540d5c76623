package kiln.models;

import static kiln.nn.Args.kw;

import java.util.List;
import kiln.nn.Activation;
import kiln.nn.AveragePooling2D;
import kiln.nn.BatchNormalization;
import kiln.nn.Conv2D;
import kiln.nn.Dense;
import kiln.nn.DepthwiseConv2D;
import kiln.nn.Dropout;
import kiln.nn.Flatten;
import kiln.nn.Input;
import kiln.nn.Model;
import kiln.nn.Network;
import kiln.nn.Regularizers;
import kiln.nn.Tensor;
import kiln.spec.EvaluateClassifierMixin;
import kiln.spec.ImageDatasetMixin;
import kiln.spec.KilnModel;
import kiln.spec.LrSchedule;
import kiln.spec.ParallelImageDataGenerator;
import kiln.spec.TrainMixin;

/**
 * MLTK's tinyml keyword_spotting (mltk/models/tinyml/keyword_spotting.py): the MLPerf Tiny DS-CNN
 * (ARM's DepthwiseSeparableConv2D for keyword spotting) over 50x10 MFCC images of Speech Commands
 * v1, 10 words plus unknown and background noise. MLTK downloads these precomputed spectrograms
 * (speech_dataset_spec.7z, datasets/speech_commands/preprocessed/v1); Kiln has no provider for
 * them, so {@code train} names {@code speech_commands} as missing.
 *
 * <p>@kiln_model
 */
public class keyword_spotting extends KilnModel
    implements TrainMixin, ImageDatasetMixin, EvaluateClassifierMixin {

  public keyword_spotting() {
    version = 1;
    description = "TinyML: Keyword spotting for 10 words - dsconv_arm";

    epochs = 80;
    batchSize = 64;
    optimizer = "adam";
    metrics = List.of("accuracy");
    loss = "categorical_crossentropy";
    lrSchedule = kw("schedule", (LrSchedule) (epoch, lr) -> epoch > 60 ? 0.0001
        : epoch > 40 ? 0.00025 : epoch > 30 ? 0.0005 : 0.001, "verbose", 1);

    dataset = "speech_commands:preprocessed/v1";
    classMode = "categorical";
    classes = List.of("yes", "no", "up", "down", "left", "right", "on", "off", "stop", "go", "unknown",
        "_background_noise_");
    inputShape = new int[] {50, 10, 1};

    datagen = new ParallelImageDataGenerator(kw(
        "cores", 0.35,
        "max_batches_pending", 32,
        "rotation_range", 0,
        "width_shift_range", 0.05,
        "height_shift_range", 0.05,
        "zoom_range", List.of(0.95, 1.05),
        "validation_split", 0.1));
  }

  /** Model layout: MLTK's DepthwiseSeparableConv2D_ARM, 64 filters, four depthwise-separable blocks. */
  @Override
  public Network buildModel() {
    int filters = 64;
    Tensor in = Input.of(inputShape());
    Tensor x = new Conv2D(kw("filters", filters, "kernel_size", List.of(10, 4), "strides", List.of(2, 2),
        "padding", "same", "kernel_regularizer", Regularizers.l2(1e-4))).apply(in);
    x = bnRelu(x);
    x = new Dropout(0.2).apply(x);
    for (int i = 0; i < 4; i++) {
      // MLTK passes kernel_regularizer to DepthwiseConv2D, where Keras ignores it (the depthwise kernel
      // has its own depthwise_regularizer): no regularizer, as in MLTK's trained model
      x = new DepthwiseConv2D(kw("kernel_size", List.of(3, 3), "depth_multiplier", 1, "padding", "same"))
          .apply(x);
      x = bnRelu(x);
      x = new Conv2D(kw("filters", filters, "kernel_size", List.of(1, 1), "padding", "same",
          "kernel_regularizer", Regularizers.l2(1e-4))).apply(x);
      x = bnRelu(x);
    }
    x = new Dropout(0.4).apply(x);
    x = new AveragePooling2D(25, 5).apply(x);
    x = new Flatten().apply(x);
    Tensor out = new Dense(kw("units", nClasses(), "activation", "softmax")).apply(x);
    return new Model(name(), in, out);
  }

  private static Tensor bnRelu(Tensor x) {
    return new Activation("relu").apply(new BatchNormalization().apply(x));
  }
}
