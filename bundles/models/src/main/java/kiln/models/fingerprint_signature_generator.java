package kiln.models;

import static kiln.nn.Args.kw;

import java.util.List;
import kiln.api.KilnException;
import kiln.nn.Activation;
import kiln.nn.AveragePooling2D;
import kiln.nn.BatchNormalization;
import kiln.nn.Conv2D;
import kiln.nn.Dense;
import kiln.nn.GlobalAveragePooling2D;
import kiln.nn.Input;
import kiln.nn.Model;
import kiln.nn.Network;
import kiln.nn.Tensor;
import kiln.spec.ImageDatasetMixin;
import kiln.spec.KilnModel;
import kiln.spec.ParallelImageDataGenerator;
import kiln.spec.TrainMixin;

/**
 * MLTK's fingerprint_signature_generator (mltk/models/siliconlabs/fingerprint_signature_generator.py):
 * a Siamese network learns whether two 180x180 fingerprint images (192x192 crops, uint8 shifted to
 * int8) match; what MLTK exports to .tflite is one tower, which turns a fingerprint into a
 * 16-value "signature" (conv 8 5x5 stride 2, batch norm, ReLU, 2x2 average pool, conv 16 3x3,
 * batch norm, ReLU, global average pool, dense 16). Training joins two towers by the euclidean
 * distance of their signatures, batch norm and a sigmoid unit, with the contrastive loss.
 *
 * <p>Kiln cannot train it yet: shared layers and two-input models exist (siamese_contrastive uses
 * them), but there is no euclidean-distance layer and MLTK's dataset is the user's own fingerprints
 * (MLTK's placeholder is kept as the dataset). Building the model fails naming them; {@link #tower()}
 * is the exported tower's layout.
 *
 * <p>@kiln_model
 */
public class fingerprint_signature_generator extends KilnModel implements TrainMixin, ImageDatasetMixin {

  public fingerprint_signature_generator() {
    version = 1;
    description = "Fingerprint \"signature\" generator estimation using a Siamese Network with a contrastive"
        + " loss";

    epochs = 100;
    batchSize = 16;
    loss = "contrastive";
    metrics = List.of("accuracy");
    optimizer = "adam";
    reduceLrOnPlateau = kw("monitor", "loss", "factor", 0.95, "patience", 1, "min_delta", 1e-7, "verbose", 1);

    tfliteConverter.put("optimizations", List.of("DEFAULT"));
    tfliteConverter.put("supported_ops", List.of("TFLITE_BUILTINS_INT8"));
    tfliteConverter.put("inference_input_type", "int8");
    tfliteConverter.put("inference_output_type", "int8");
    tfliteConverter.put("representative_dataset", "generate");

    // MLTK's placeholder: the user's fingerprint dataset (a directory or a download URL)
    dataset = "your-fingerprint-dataset-directory-or-download-url";
    classMode = "binary";
    classes = List.of("match", "no-match");
    classWeights = "balanced";
    inputShape = new int[] {180, 180, 1};
    targetSize = new int[] {192, 192};

    // MLTK crops the 192x192 images to 180x180 and shifts them to int8 in a preprocessing function
    datagen = new ParallelImageDataGenerator(kw(
        "cores", 0.65,
        "debug", false,
        "max_batches_pending", 48,
        "validation_split", 0.1,
        "validation_augmentation_enabled", true,
        "rotation_range", 0,
        "width_shift_range", 15,
        "height_shift_range", 15,
        "fill_mode", "constant",
        "cval", 0xff,
        "noise", List.of("gauss", "poisson", "s&p"),
        "rescale", null,
        "horizontal_flip", true,
        "vertical_flip", true));

    // the signature match threshold; MLTK also stores its dataset's image preprocessing parameters
    modelParameters.put("threshold", 0.22);
  }

  /** The tower MLTK exports: a 180x180 fingerprint to a 16-value signature. */
  public Network tower() {
    Tensor in = Input.of(inputShape());
    Tensor x = new Conv2D(kw("filters", 8, "kernel_size", List.of(5, 5), "strides", List.of(2, 2))).apply(in);
    x = new Activation("relu").apply(new BatchNormalization().apply(x));
    x = new AveragePooling2D(2, 2).apply(x);
    x = new Conv2D(kw("filters", 16, "kernel_size", List.of(3, 3))).apply(x);
    x = new Activation("relu").apply(new BatchNormalization().apply(x));
    x = new GlobalAveragePooling2D().apply(x);
    return new Model(name() + "_tower", in, new Dense(16).apply(x));
  }

  @Override
  public Network buildModel() {
    throw new KilnException(name() + ": MLTK's layout needs what Kiln does not have yet: a euclidean-distance"
        + " layer (MLTK's Lambda joining the two towers, which Kiln can share); MLTK's fingerprint dataset"
        + " loader. The spec keeps MLTK's settings; its model cannot be built until these exist in kiln.nn and"
        + " the trainer");
  }
}
