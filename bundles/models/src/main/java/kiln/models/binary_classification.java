package kiln.models;

import static kiln.nn.Args.kw;

import java.util.List;
import kiln.nn.Activation;
import kiln.nn.Conv2D;
import kiln.nn.Dense;
import kiln.nn.Dropout;
import kiln.nn.Flatten;
import kiln.nn.InputLayer;
import kiln.nn.MaxPooling2D;
import kiln.nn.Network;
import kiln.nn.Sequential;
import kiln.spec.EvaluateClassifierMixin;
import kiln.spec.ImageDatasetMixin;
import kiln.spec.KilnModel;
import kiln.spec.ParallelImageDataGenerator;
import kiln.spec.TrainMixin;

/**
 * MLTK's binary_classification (mltk/models/examples/binary_classification.py): cat or dog in
 * the CIFAR-10 images (Kiln's {@code cifar10} provider, its cat and dog classes only), one sigmoid
 * output trained with binary cross-entropy. MLTK's loader maps pixels to (x - 128) / 128; Kiln's
 * generator has no offset setting, so the pixels are scaled by 1/128 only.
 *
 * <p>@kiln_model
 */
public class binary_classification extends KilnModel
    implements TrainMixin, ImageDatasetMixin, EvaluateClassifierMixin {

  public binary_classification() {
    version = 1;
    description = "Example: Binary classification - ResNetv1-10 with CIFAR10";

    epochs = 200;
    batchSize = 40;
    optimizer = "adam";
    metrics = List.of("accuracy");
    loss = "binary_crossentropy";

    tfliteConverter.put("optimizations", List.of("DEFAULT"));
    tfliteConverter.put("supported_ops", List.of("TFLITE_BUILTINS_INT8"));
    tfliteConverter.put("inference_input_type", "int8");
    tfliteConverter.put("inference_output_type", "int8");
    tfliteConverter.put("representative_dataset", "generate");

    dataset = "cifar10";
    classMode = "binary";
    classes = List.of("cat", "dog");
    inputShape = new int[] {32, 32, 3};
    targetSize = new int[] {32, 32};
    colorMode = "rgb";

    datagen = new ParallelImageDataGenerator(kw(
        "cores", 0.35,
        "max_batches_pending", 32,
        "rescale", 1 / 128.0,
        "rotation_range", 15,
        "width_shift_range", 0.1,
        "height_shift_range", 0.1,
        "horizontal_flip", true,
        "vertical_flip", true,
        "validation_augmentation_enabled", false));
  }

  /** Model layout: conv 32, 32, 64 (3x3, ReLU, 2x2 max pool), dense 64, dropout, one sigmoid unit. */
  @Override
  public Network buildModel() {
    Sequential model = new Sequential(name());
    model.add(new InputLayer(inputShape()));
    for (int filters : new int[] {32, 32, 64}) {
      model.add(new Conv2D(kw("filters", filters, "kernel_size", List.of(3, 3))));
      model.add(new Activation("relu"));
      model.add(new MaxPooling2D(2, 2));
    }
    model.add(new Flatten());
    model.add(new Dense(kw("units", 64)));
    model.add(new Activation("relu"));
    model.add(new Dropout(0.5));
    model.add(new Dense(kw("units", 1)));
    model.add(new Activation("sigmoid"));
    return model;
  }
}
