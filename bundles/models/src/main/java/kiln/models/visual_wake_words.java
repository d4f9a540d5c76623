package kiln.models;

import static kiln.nn.Args.kw;

import java.util.List;
import kiln.nn.Activation;
import kiln.nn.AveragePooling2D;
import kiln.nn.BatchNormalization;
import kiln.nn.Conv2D;
import kiln.nn.Dense;
import kiln.nn.DepthwiseConv2D;
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
 * MLTK's tinyml visual_wake_words (mltk/models/tinyml/visual_wake_words.py): the MLPerf Tiny
 * MobileNet v1 with width 0.25 (8 first filters) on 96x96 color images of MS-COCO 2014, person or
 * not. MLTK downloads them preprocessed (vw_coco2014_96.tar.gz, datasets/mscoco14/preprocessed/v1);
 * Kiln has no {@code mscoco14} provider, so {@code train} names it as missing.
 *
 * <p>@kiln_model
 */
public class visual_wake_words extends KilnModel
    implements TrainMixin, ImageDatasetMixin, EvaluateClassifierMixin {

  /** Each depthwise-separable block: the depthwise stride and the pointwise filters (of MobileNet v1 x 0.25). */
  private static final int[][] BLOCKS = {
    {1, 16}, {2, 32}, {1, 32}, {2, 64}, {1, 64}, {2, 128},
    {1, 128}, {1, 128}, {1, 128}, {1, 128}, {1, 128}, {2, 256}, {1, 256}};

  public visual_wake_words() {
    version = 1;
    description = "TinyML: Visual Wake Words - MobileNetv1 with COCO14";

    epochs = 50;
    batchSize = 50;
    optimizer = "adam";
    metrics = List.of("accuracy");
    loss = "categorical_crossentropy";
    lrSchedule = kw("schedule", (LrSchedule) (epoch, lr) -> epoch > 30 ? 0.00025 : epoch > 20 ? 0.0005 : 0.001,
        "verbose", 1);

    dataset = "mscoco14:preprocessed/v1";
    classMode = "categorical";
    classes = List.of("person", "non_person");
    inputShape = new int[] {96, 96, 3};
    targetSize = new int[] {96, 96};
    colorMode = "rgb";

    datagen = new ParallelImageDataGenerator(kw(
        "cores", 0.35,
        "max_batches_pending", 32,
        "rotation_range", 10,
        "width_shift_range", 0.05,
        "height_shift_range", 0.05,
        "zoom_range", 0.1,
        "horizontal_flip", true,
        "validation_split", 0.1));
  }

  /** Model layout: MLTK's MobileNetV1 (he_normal kernels, L2 1e-4, plain ReLU). */
  @Override
  public Network buildModel() {
    Tensor in = Input.of(inputShape());
    Tensor x = new Conv2D(kw("filters", 8, "kernel_size", List.of(3, 3), "strides", List.of(2, 2),
        "padding", "same", "kernel_initializer", "he_normal", "kernel_regularizer", Regularizers.l2(1e-4)))
        .apply(in);
    x = bnRelu(x);
    for (int[] b : BLOCKS) {
      // MLTK passes kernel_initializer/kernel_regularizer to DepthwiseConv2D, where Keras ignores them
      // (its depthwise kernel has its own depthwise_* arguments): Keras' defaults apply
      x = new DepthwiseConv2D(kw("kernel_size", List.of(3, 3), "strides", List.of(b[0], b[0]), "padding", "same"))
          .apply(x);
      x = bnRelu(x);
      x = new Conv2D(kw("filters", b[1], "kernel_size", List.of(1, 1), "padding", "same",
          "kernel_initializer", "he_normal", "kernel_regularizer", Regularizers.l2(1e-4))).apply(x);
      x = bnRelu(x);
    }
    int[] s = x.shape();
    x = new AveragePooling2D(s[0], s[1]).apply(x);
    x = new Flatten().apply(x);
    Tensor out = new Dense(kw("units", nClasses(), "activation", "softmax")).apply(x);
    return new Model(name(), in, out);
  }

  private static Tensor bnRelu(Tensor x) {
    return new Activation("relu").apply(new BatchNormalization().apply(x));
  }
}
