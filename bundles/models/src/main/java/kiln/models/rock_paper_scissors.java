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
 * MLTK's rock_paper_scissors (mltk/models/siliconlabs/rock_paper_scissors.py): hand gestures rock,
 * paper, scissor and _unknown_ in MLTK's rock_paper_scissors_v2 images (96x96 gray, resized to the
 * model's 84x84 input), three conv + max-pool stages and two dense layers, samplewise standardized
 * with float32 input and output; the results-smoothing parameters classify_image uses are stored in
 * the model.
 *
 * <p>@kiln_model
 */
public class rock_paper_scissors extends KilnModel
    implements TrainMixin, ImageDatasetMixin, EvaluateClassifierMixin {

  public rock_paper_scissors() {
    version = 1;
    description = "Image classifier example for detecting Rock/Paper/Scissors hand gestures in images";

    epochs = 125;
    batchSize = 32;
    optimizer = "adam";
    metrics = List.of("accuracy");
    loss = "categorical_crossentropy";
    checkpoint.put("monitor", "val_accuracy");
    reduceLrOnPlateau = kw("monitor", "loss", "factor", 0.95, "min_delta", 0.001, "patience", 1);
    earlyStopping = kw("monitor", "accuracy", "patience", 25);

    tfliteConverter.put("optimizations", List.of("DEFAULT"));
    tfliteConverter.put("supported_ops", List.of("TFLITE_BUILTINS_INT8"));
    tfliteConverter.put("inference_input_type", "float32");
    tfliteConverter.put("inference_output_type", "float32");
    tfliteConverter.put("representative_dataset", "generate");

    dataset = "rock_paper_scissors:v2";
    classMode = "categorical";
    classes = List.of("rock", "paper", "scissor", "_unknown_");
    inputShape = new int[] {84, 84, 1};
    targetSize = new int[] {84, 84};
    colorMode = "grayscale";
    shuffleDatasetEnabled = true;
    classWeights = "balanced";

    modelParameters.put("detection_threshold", 175);
    modelParameters.put("average_window_duration_ms", 500);
    modelParameters.put("minimum_count", 2);
    modelParameters.put("suppression_count", 1);

    datagen = new ParallelImageDataGenerator(kw(
        "cores", 0.65,
        "max_batches_pending", 32,
        "validation_split", 0.15,
        "validation_augmentation_enabled", false,
        "rotation_range", 15,
        "width_shift_range", 5,
        "height_shift_range", 5,
        "brightness_range", List.of(0.80, 1.10),
        "contrast_range", List.of(0.80, 1.10),
        "noise", List.of("gauss", "poisson", "s&p"),
        "zoom_range", List.of(0.95, 1.05),
        "horizontal_flip", true,
        "vertical_flip", true,
        "samplewise_center", true,
        "samplewise_std_normalization", true));
  }

  /** Model layout: conv 16, 16, 32 (3x3, valid) each with ReLU and 2x2 max pooling; dense 32; dense classes. */
  @Override
  public Network buildModel() {
    int filters = 16;
    Sequential model = new Sequential(name());
    model.add(new InputLayer(inputShape()));
    model.add(new Conv2D(kw("filters", filters, "kernel_size", List.of(3, 3))));
    model.add(new Activation("relu"));
    model.add(new MaxPooling2D(kw("pool_size", List.of(2, 2))));
    model.add(new Conv2D(kw("filters", filters, "kernel_size", List.of(3, 3))));
    model.add(new Activation("relu"));
    model.add(new MaxPooling2D(kw("pool_size", List.of(2, 2))));
    model.add(new Conv2D(kw("filters", filters * 2, "kernel_size", List.of(3, 3))));
    model.add(new Activation("relu"));
    model.add(new MaxPooling2D(kw("pool_size", List.of(2, 2))));
    model.add(new Flatten());
    model.add(new Dense(kw("units", filters * 2)));
    model.add(new Activation("relu"));
    model.add(new Dropout(kw("rate", 0.5)));
    model.add(new Dense(kw("units", nClasses(), "activation", "softmax")));
    return model;
  }
}
