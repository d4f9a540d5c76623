package kiln.models;

import static kiln.nn.Args.kw;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import kiln.models.internal.FingerprintPairs;
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
import kiln.spec.data.SpecDataset;

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
 * <p>Export (MLTK's {@code on_save_keras_model}, which returns the embedding network): the spec's
 * {@link #exportModel()} is the tower, built from the trained model's layers by name, so
 * {@code train}, {@code quantize}, {@code evaluate} and {@code profile --build} work on the tower:
 * the archive's {@code .tflite} takes one 180x180x1 int8 image and gives 16 int8 values. Its
 * representative and evaluation samples are each pair split into its two images (MLTK's
 * my_representative_dataset_generator, which reads validation pairs; Kiln calibrates on training
 * pairs, its rule for every spec); a pair is scored as MLTK's generate_predictions does: the
 * distance d of its two signatures gives {@code min(0.5 / threshold * d, 1)}, so a pair closer than
 * {@code model_parameters["threshold"]} scores below 0.5, class 0 "match".
 *
 * <p>Data: MLTK's dataset is the user's own fingerprints; set {@link #dataset} to a folder with one
 * subfolder per finger holding two images or more, and the spec makes MLTK's pairs from it
 * ({@link FingerprintPairs}: every ordered pair of one finger's images, label 0 "match", and each
 * image with {@link #nomatchMultiplier} random images of other fingers, label 1 "no-match"; the last
 * {@code validation_split} share of the fingers, in name order, is the validation and evaluation
 * data, so no finger is on both sides). Images are read at {@link #targetSize}, shifted to int8 and
 * cropped to {@link #inputShape} (MLTK's crop_and_convert_from_uint8_to_int8); a smaller target and
 * input size (e.g. 28x28 read, 24x24 in) makes a smaller model of the same layout. The dry run keeps
 * batch_size * 3 pairs of each split. While {@code dataset} is MLTK's placeholder (not a folder),
 * {@code train} stops naming the missing provider.
 *
 * <p>What Kiln does not do yet: MLTK's dataset loader also sharpens and balances the raw reader
 * images (and stores those settings as model parameters), and its datagen augments the pairs (shifts,
 * flips, noise); Kiln reads the images as they are and does not augment spec-supplied pairs.
 *
 * <p>@kiln_model
 */
public class fingerprint_signature_generator extends KilnModel implements TrainMixin, ImageDatasetMixin {
  /** MLTK's nomatch_multiplier: the no-match pairs made for every image. */
  public int nomatchMultiplier = 5;

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

  /** MLTK's on_save_keras_model (my_keras_model_saver): the tower, not the Siamese model. */
  @Override
  public Network exportModel() {
    return tower();
  }

  /** The tower's samples: a pair split into its two images (MLTK's my_representative_dataset_generator). */
  @Override
  public List<float[]> exportSamples(float[] pair) {
    int n = pair.length / 2;
    return List.of(Arrays.copyOfRange(pair, 0, n), Arrays.copyOfRange(pair, n, 2 * n));
  }

  /**
   * MLTK's generate_predictions: the euclidean distance d of the pair's two signatures, as the score
   * {@code min(0.5 / threshold * d, 1)} (below 0.5: "match").
   */
  @Override
  public float[] exportScore(List<float[]> signatures) {
    float[] a = signatures.get(0);
    float[] b = signatures.get(1);
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (a[i] - b[i]) * (double) (a[i] - b[i]);
    }
    double threshold = ((Number) modelParameters.get("threshold")).doubleValue();
    return new float[] {(float) Math.min(0.5 / threshold * Math.sqrt(sum), 1.0)};
  }

  @Override
  public SpecDataset trainingData() {
    FingerprintPairs p = pairs();
    return p == null ? null : p.pairs(0, trainingFingers(p), nomatchMultiplier, seed, testMode() ? batchSize * 3 : -1);
  }

  @Override
  public SpecDataset validationData() {
    FingerprintPairs p = pairs();
    return p == null ? null : p.pairs(trainingFingers(p), p.fingerCount(), nomatchMultiplier, seed + 1,
        testMode() ? batchSize * 3 : -1);
  }

  /** The dataset folder's pairs, or null while {@link #dataset} is not a folder (a provider's name). */
  private FingerprintPairs pairs() {
    if (dataset == null || !Files.isDirectory(Path.of(dataset))) {
      return null;
    }
    int[] in = inputShape();
    return new FingerprintPairs(Path.of(dataset), new int[] {targetSize[0], targetSize[1]}, in);
  }

  /** The first fingers train; the last validation_split share (at least two, for no-match pairs) validate. */
  private int trainingFingers(FingerprintPairs p) {
    int validation = Math.max(2, (int) Math.ceil(validationSplit() * p.fingerCount()));
    if (p.fingerCount() - validation < 2) {
      throw new kiln.api.KilnException("fingerprint dataset " + dataset + ": " + p.fingerCount() + " fingers;"
          + " training and validation need two fingers each (four or more)");
    }
    return p.fingerCount() - validation;
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
