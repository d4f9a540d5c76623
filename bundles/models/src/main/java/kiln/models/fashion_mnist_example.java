package kiln.models;

import static kiln.nn.Args.kw;

import java.util.List;
import kiln.nn.Activation;
import kiln.nn.BatchNormalization;
import kiln.nn.Conv2D;
import kiln.nn.Dense;
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
 * Image classification reference: a small int8 CNN for a microcontroller on Fashion-MNIST (28x28
 * gray clothing images, 10 classes; Debian's dataset-fashion-mnist or a 30 MB download). The
 * dataset's 10,000 test images are its validation split, so the archived accuracy is the test
 * accuracy; no setting looks at them (checkpoints are chosen by training accuracy, there is no early
 * stopping or plateau schedule). See docs/images.md for the measured figures.
 *
 * <p>@kiln_model
 */
public class fashion_mnist_example extends KilnModel
    implements TrainMixin, ImageDatasetMixin, EvaluateClassifierMixin {

  public fashion_mnist_example() {
    version = 1;
    description = "Image classification: Fashion-MNIST clothing, small int8 CNN";

    epochs = 8;
    batchSize = 64;
    optimizer = "adam";
    metrics = List.of("accuracy");
    loss = "categorical_crossentropy";
    // the validation images are the test images: nothing may be chosen by them, so the checkpoint
    // keeps the epoch with the best TRAINING accuracy and the test score is only reported
    checkpoint.put("monitor", "accuracy");

    tfliteConverter.put("optimizations", List.of("DEFAULT"));
    tfliteConverter.put("supported_ops", List.of("TFLITE_BUILTINS_INT8"));
    tfliteConverter.put("inference_input_type", "int8");
    tfliteConverter.put("inference_output_type", "int8");
    tfliteConverter.put("representative_dataset", "generate");

    dataset = "fashion_mnist";
    classMode = "categorical";
    classes = List.of("top", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "boot");
    inputShape = new int[] {28, 28, 1};
    targetSize = new int[] {28, 28};
    colorMode = "grayscale";

    datagen = new ParallelImageDataGenerator(kw(
        "cores", 0.5,
        "max_batches_pending", 16,
        "rescale", 1 / 255.0,
        // the test images are the dataset's own validation split; this fraction is not used for it
        "validation_split", 0.1,
        "validation_augmentation_enabled", false));
  }

  /** Model layout: two conv blocks and a dense classifier. */
  @Override
  public Network buildModel() {
    Sequential model = new Sequential(name());
    model.add(new InputLayer(inputShape()));
    model.add(new Conv2D(kw("filters", 16, "kernel_size", List.of(3, 3), "padding", "same")));
    model.add(new BatchNormalization());
    model.add(new Activation("relu"));
    model.add(new MaxPooling2D(kw("pool_size", List.of(2, 2))));
    model.add(new Conv2D(kw("filters", 32, "kernel_size", List.of(3, 3), "padding", "same")));
    model.add(new BatchNormalization());
    model.add(new Activation("relu"));
    model.add(new MaxPooling2D(kw("pool_size", List.of(2, 2))));
    model.add(new Flatten());
    model.add(new Dense(kw("units", 64, "activation", "relu")));
    model.add(new Dense(kw("units", nClasses(), "activation", "softmax")));
    return model;
  }
}
