package kiln.models;

import static kiln.nn.Args.kw;

import java.util.List;
import kiln.nn.Activation;
import kiln.nn.AveragePooling2D;
import kiln.nn.BatchNormalization;
import kiln.nn.Conv2D;
import kiln.nn.Dense;
import kiln.nn.EuclideanDistance;
import kiln.nn.GlobalAveragePooling2D;
import kiln.nn.Input;
import kiln.nn.Layer;
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
 * batch norm, ReLU, global average pool, dense 16). Training joins two towers (one set of weights:
 * each tower layer is applied to both images) by the euclidean distance of their signatures
 * (MLTK's Lambda, Kiln's {@link EuclideanDistance}), batch norm and a sigmoid unit, with the
 * contrastive loss. The model has two inputs of {@link #inputShape} (MLTK's); Kiln's trainer takes
 * each sample's two images concatenated (first image, then second).
 *
 * <p>What Kiln cannot do yet: MLTK's dataset is the user's own fingerprints (MLTK's placeholder is
 * kept as the dataset, so {@code train} stops naming the missing provider) and its
 * FingerprintSignatureGeneratorDataset loader has no Kiln counterpart; and Kiln's pipeline exports
 * the model it trains, so it cannot export only the tower the way MLTK's on_save_keras_model does.
 * Quantizing the whole Siamese model fails naming the distance layer (TensorFlow Lite Micro has no
 * int8 SQRT). {@link #tower()} is the exported tower's layout with the trained model's layer names,
 * so the trained weights quantize with it (FingerprintSignatureTest does that).
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

  /**
   * The tower MLTK exports: a 180x180 fingerprint to a 16-value signature. Its layers carry the
   * names Keras gives them in MLTK's embedding network, which are also their names in
   * {@link #buildModel()}, so the Siamese model's trained weights fit it.
   */
  public Network tower() {
    Tensor in = Input.of(inputShape());
    return new Model(name() + "_tower", in, embed(towerLayers(), in));
  }

  /** The tower's layers in order, named as in MLTK's embedding network ("model"). */
  private static List<Layer> towerLayers() {
    return List.of(
        named(new Conv2D(kw("filters", 8, "kernel_size", List.of(5, 5), "strides", List.of(2, 2))), "conv2d"),
        named(new BatchNormalization(), "batch_normalization"),
        named(new Activation("relu"), "activation"),
        named(new AveragePooling2D(2, 2), "average_pooling2d"),
        named(new Conv2D(kw("filters", 16, "kernel_size", List.of(3, 3))), "conv2d_1"),
        named(new BatchNormalization(), "batch_normalization_1"),
        named(new Activation("relu"), "activation_1"),
        named(new GlobalAveragePooling2D(), "global_average_pooling2d"),
        // the signature's length
        named(new Dense(16), "dense"));
  }

  private static Layer named(Layer l, String name) {
    l.set("name", name);
    return l;
  }

  private static Tensor embed(List<Layer> tower, Tensor x) {
    for (Layer l : tower) {
      x = l.apply(x);
    }
    return x;
  }

  /** MLTK's my_model_builder: both images through one tower, their distance, batch norm, a sigmoid unit. */
  @Override
  public Network buildModel() {
    List<Layer> tower = towerLayers();
    Tensor in1 = Input.of(inputShape());
    Tensor in2 = Input.of(inputShape());
    Tensor d = new EuclideanDistance().apply(embed(tower, in1), embed(tower, in2));
    Tensor x = new BatchNormalization().apply(d);
    Tensor out = new Dense(kw("units", 1, "activation", "sigmoid")).apply(x);
    return new Model(name(), List.of(in1, in2), List.of(out));
  }
}
