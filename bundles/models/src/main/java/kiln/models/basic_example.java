package kiln.models;

import static kiln.nn.Args.kw;

import java.util.List;
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
 * MLTK's basic_example (mltk/models/examples/basic_example.py): Keras' "simple MNIST convnet" on
 * MNIST digits scaled to [0, 1] (Kiln's {@code mnist} provider), float32 input and output.
 * MLTK's loader returns NumPy arrays; here the provider and a rescaling generator do the same.
 *
 * <p>@kiln_model
 */
public class basic_example extends KilnModel
    implements TrainMixin, ImageDatasetMixin, EvaluateClassifierMixin {

  public basic_example() {
    version = 1;
    description = "Basic model specification example";

    epochs = 15;
    batchSize = 128;
    optimizer = "adam";
    metrics = List.of("accuracy");
    loss = "categorical_crossentropy";
    // MLTK also adds Keras' TerminateOnNaN callback: Kiln's trainer stops on a NaN loss by itself

    tfliteConverter.put("inference_input_type", "float32");
    tfliteConverter.put("inference_output_type", "float32");
    // MLTK: the first 100 training samples
    tfliteConverter.put("representative_dataset", "generate");

    dataset = "mnist";
    classMode = "categorical";
    classes = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    classWeights = "balanced";
    inputShape = new int[] {28, 28, 1};
    targetSize = new int[] {28, 28};
    colorMode = "grayscale";
    datagen = new ParallelImageDataGenerator(kw(
        "rescale", 1 / 255.0,
        "validation_split", 0.1,
        // MLTK's arrays are not augmented
        "validation_augmentation_enabled", false));

    modelParameters.put("samplewise_norm.rescale", 1 / 255.0);
    modelParameters.put("my_boolean", true);
    modelParameters.put("my_string", "This string will be embedded into the .tflite");
  }

  /** Model layout: conv 32 and 64 (3x3, ReLU) with 2x2 max pooling, dropout 0.5, dense softmax. */
  @Override
  public Network buildModel() {
    Sequential model = new Sequential(name());
    model.add(new InputLayer(inputShape()));
    model.add(new Conv2D(kw("filters", 32, "kernel_size", List.of(3, 3), "activation", "relu")));
    model.add(new MaxPooling2D(2, 2));
    model.add(new Conv2D(kw("filters", 64, "kernel_size", List.of(3, 3), "activation", "relu")));
    model.add(new MaxPooling2D(2, 2));
    model.add(new Flatten());
    model.add(new Dropout(0.5));
    model.add(new Dense(kw("units", nClasses(), "activation", "softmax")));
    return model;
  }
}
