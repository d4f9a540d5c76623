package kiln.models;

import static kiln.nn.Args.kw;

import java.util.List;
import kiln.nn.Activation;
import kiln.nn.AveragePooling2D;
import kiln.nn.BatchNormalization;
import kiln.nn.Conv2D;
import kiln.nn.Dense;
import kiln.nn.Flatten;
import kiln.nn.InputLayer;
import kiln.nn.Network;
import kiln.nn.Sequential;
import kiln.spec.EvaluateClassifierMixin;
import kiln.spec.ImageDatasetMixin;
import kiln.spec.KilnModel;
import kiln.spec.ParallelImageDataGenerator;
import kiln.spec.TrainMixin;

/**
 * Image classification reference: MLTK's image_example1 (mltk/models/examples/image_example1.py),
 * rock/paper/scissors hand gestures in 96x96 gray images (MLTK's rock_paper_scissors_v1 dataset,
 * classes rock, paper, scissor; downloaded by the {@code rock_paper_scissors} provider), samplewise
 * standardized with float32 input and output.
 *
 * <p>@kiln_model
 */
public class image_example1 extends KilnModel
    implements TrainMixin, ImageDatasetMixin, EvaluateClassifierMixin {

  public image_example1() {
    version = 1;
    description = "Image classifier example for detecting Rock/Paper/Scissors hand gestures in images";

    epochs = 100;
    batchSize = 32;
    optimizer = "adam";
    metrics = List.of("accuracy");
    loss = "categorical_crossentropy";
    checkpoint.put("monitor", "val_accuracy");
    reduceLrOnPlateau = kw("monitor", "loss", "factor", 0.95, "min_delta", 0.0001, "patience", 1);
    earlyStopping = kw("monitor", "val_accuracy", "patience", 35);

    tfliteConverter.put("optimizations", List.of("DEFAULT"));
    tfliteConverter.put("supported_ops", List.of("TFLITE_BUILTINS_INT8"));
    // float32 in and out: the samplewise standardization runs before the model's quantize op
    tfliteConverter.put("inference_input_type", "float32");
    tfliteConverter.put("inference_output_type", "float32");
    tfliteConverter.put("representative_dataset", "generate");

    dataset = "rock_paper_scissors:v1";
    classMode = "categorical";
    classes = List.of("rock", "paper", "scissor");
    inputShape = new int[] {96, 96, 1};
    targetSize = new int[] {96, 96};
    colorMode = "grayscale";
    shuffleDatasetEnabled = true;
    classWeights = "balanced";

    datagen = new ParallelImageDataGenerator(kw(
        "cores", 0.3,
        "max_batches_pending", 8,
        "validation_split", 0.1,
        "validation_augmentation_enabled", false,
        "rotation_range", 35,
        "width_shift_range", 5,
        "height_shift_range", 5,
        "brightness_range", List.of(0.50, 1.70),
        "contrast_range", List.of(0.50, 1.70),
        "noise", List.of("gauss", "poisson", "s&p"),
        "samplewise_center", true,
        "samplewise_std_normalization", true,
        "horizontal_flip", true,
        "vertical_flip", true));
  }

  /** Model layout: image_example1's strided convs with average pooling and one dense layer. */
  @Override
  public Network buildModel() {
    Sequential model = new Sequential(name());
    model.add(new InputLayer(inputShape()));
    model.add(new Conv2D(kw("filters", 24, "kernel_size", List.of(3, 3), "strides", List.of(2, 2),
        "use_bias", true, "padding", "same", "activation", "relu")));
    model.add(new AveragePooling2D(kw("pool_size", List.of(2, 2), "strides", List.of(2, 2), "padding", "valid")));
    model.add(new Conv2D(kw("filters", 16, "kernel_size", List.of(3, 3), "strides", List.of(2, 2),
        "use_bias", true, "padding", "valid", "activation", "relu")));
    model.add(new Conv2D(kw("filters", 24, "kernel_size", List.of(3, 3), "strides", List.of(1, 1),
        "use_bias", true, "padding", "valid")));
    model.add(new BatchNormalization());
    model.add(new Activation("relu"));
    model.add(new AveragePooling2D(kw("pool_size", List.of(2, 2), "strides", List.of(2, 2), "padding", "valid")));
    model.add(new Flatten());
    model.add(new Dense(kw("units", nClasses(), "use_bias", true)));
    model.add(new Activation("softmax"));
    return model;
  }
}
