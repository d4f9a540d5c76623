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
import kiln.spec.DatasetMixin;
import kiln.spec.EvaluateClassifierMixin;
import kiln.spec.KilnModel;
import kiln.spec.TrainMixin;

/**
 * MLTK's tflite_micro_magic_wand (mltk/models/tflite_micro/tflite_micro_magic_wand.py): TensorFlow
 * Lite Micro's magic wand gesture classifier (wing, ring, slope, negative) over 128 accelerometer
 * samples of x, y, z. MLTK loads TensorFlow Lite Micro's recorded gestures with its
 * {@code tflm_magic_wand} loader; Kiln has no provider for them, so {@code train} names it as
 * missing. MLTK trains with sparse_categorical_crossentropy on class ids; Kiln's trainer feeds
 * one-hot labels, for which categorical_crossentropy is the same loss.
 *
 * <p>@kiln_model
 */
public class tflite_micro_magic_wand extends KilnModel
    implements TrainMixin, DatasetMixin, EvaluateClassifierMixin {

  public tflite_micro_magic_wand() {
    version = 1;
    description = "TFLite-Micro Magic Wand";

    epochs = 50;
    stepsPerEpoch = 1000;
    batchSize = 64;
    optimizer = "adam";
    metrics = List.of("accuracy");
    loss = "categorical_crossentropy";

    tfliteConverter.put("optimizations", List.of("DEFAULT"));
    tfliteConverter.put("supported_ops", List.of("TFLITE_BUILTINS_INT8"));
    tfliteConverter.put("inference_input_type", "float32");
    tfliteConverter.put("inference_output_type", "float32");
    // MLTK: 100 samples of the validation set
    tfliteConverter.put("representative_dataset", "generate");

    dataset = "tflm_magic_wand";
    classMode = "categorical";
    inputShape = new int[] {128, 3, 1};
    classes = List.of("wing", "ring", "slope", "negative");
    classWeights = "none";
  }

  /** Model layout: TensorFlow Lite Micro's magic wand CNN. */
  @Override
  public Network buildModel() {
    Sequential model = new Sequential(name());
    model.add(new InputLayer(inputShape()));
    model.add(new Conv2D(kw("filters", 8, "kernel_size", List.of(4, 3), "padding", "same", "activation", "relu")));
    model.add(new MaxPooling2D(3, 3)); // (42, 1, 8)
    model.add(new Dropout(0.1));
    model.add(new Conv2D(kw("filters", 16, "kernel_size", List.of(4, 1), "padding", "same", "activation", "relu")));
    model.add(new MaxPooling2D(kw("pool_size", List.of(3, 1), "padding", "same"))); // (14, 1, 16)
    model.add(new Dropout(0.1));
    model.add(new Flatten());
    model.add(new Dense(kw("units", 16, "activation", "relu")));
    model.add(new Dropout(0.1));
    model.add(new Dense(kw("units", nClasses(), "activation", "softmax")));
    return model;
  }
}
