package kiln.models;

import static kiln.nn.Args.kw;

import java.util.List;
import kiln.nn.Activation;
import kiln.nn.Add;
import kiln.nn.AveragePooling2D;
import kiln.nn.BatchNormalization;
import kiln.nn.Conv2D;
import kiln.nn.Dense;
import kiln.nn.Flatten;
import kiln.nn.Input;
import kiln.nn.Model;
import kiln.nn.Network;
import kiln.nn.Regularizers;
import kiln.nn.Tensor;
import kiln.spec.EvaluateClassifierMixin;
import kiln.spec.ImageDatasetMixin;
import kiln.spec.KilnModel;
import kiln.spec.ParallelImageDataGenerator;
import kiln.spec.TrainMixin;

/**
 * MLTK's tinyml image_classification (mltk/models/tinyml/image_classification.py): the MLPerf Tiny
 * ResNet-8 (MLTK's ResNet10V1: three residual stacks of 16, 32 and 64 filters) on CIFAR-10 32x32
 * color images, Kiln's {@code cifar10} provider. MLTK's loader maps pixels to (x - 128) / 128;
 * Kiln's generator has no offset setting, so the pixels reach the model unscaled (the first
 * convolution's batch normalization absorbs the scale).
 *
 * <p>@kiln_model
 */
public class image_classification extends KilnModel
    implements TrainMixin, ImageDatasetMixin, EvaluateClassifierMixin {

  public image_classification() {
    version = 1;
    description = "TinyML: Image classification - ResNetv1-10 with CIFAR10";

    epochs = 200;
    batchSize = 40;
    optimizer = "adam";
    metrics = List.of("accuracy");
    loss = "categorical_crossentropy";

    tfliteConverter.put("optimizations", List.of("DEFAULT"));
    tfliteConverter.put("supported_ops", List.of("TFLITE_BUILTINS_INT8"));
    tfliteConverter.put("inference_input_type", "int8");
    tfliteConverter.put("inference_output_type", "int8");
    tfliteConverter.put("representative_dataset", "generate");

    dataset = "cifar10";
    classMode = "categorical";
    classes = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");
    inputShape = new int[] {32, 32, 3};
    targetSize = new int[] {32, 32};
    colorMode = "rgb";

    datagen = new ParallelImageDataGenerator(kw(
        "cores", 0.35,
        "max_batches_pending", 32,
        "rotation_range", 15,
        "width_shift_range", 0.1,
        "height_shift_range", 0.1,
        "horizontal_flip", true,
        "validation_augmentation_enabled", false));
  }

  /** Model layout: MLTK's ResNet10V1 (he_normal kernels, L2 1e-4). */
  @Override
  public Network buildModel() {
    Tensor in = Input.of(inputShape());
    Tensor x = conv(16, 3, 1).apply(in);
    x = new BatchNormalization().apply(x);
    x = new Activation("relu").apply(x);
    // stack 1: identity shortcut
    Tensor y = conv(16, 3, 1).apply(x);
    y = new BatchNormalization().apply(y);
    y = new Activation("relu").apply(y);
    y = conv(16, 3, 1).apply(y);
    y = new BatchNormalization().apply(y);
    x = new Add().apply(x, y);
    x = new Activation("relu").apply(x);
    // stacks 2 and 3: strided, with a 1x1 strided conv on the shortcut
    for (int filters : new int[] {32, 64}) {
      y = conv(filters, 3, 2).apply(x);
      y = new BatchNormalization().apply(y);
      y = new Activation("relu").apply(y);
      y = conv(filters, 3, 1).apply(y);
      y = new BatchNormalization().apply(y);
      x = conv(filters, 1, 2).apply(x);
      x = new Add().apply(x, y);
      x = new Activation("relu").apply(x);
    }
    int[] s = x.shape();
    int pool = Math.min(s[0], s[1]);
    x = new AveragePooling2D(pool, pool).apply(x);
    x = new Flatten().apply(x);
    Tensor out = new Dense(kw("units", nClasses(), "activation", "softmax", "kernel_initializer", "he_normal"))
        .apply(x);
    return new Model(name(), in, out);
  }

  private static Conv2D conv(int filters, int kernel, int stride) {
    return new Conv2D(kw("filters", filters, "kernel_size", List.of(kernel, kernel),
        "strides", List.of(stride, stride), "padding", "same", "kernel_initializer", "he_normal",
        "kernel_regularizer", Regularizers.l2(1e-4)));
  }
}
