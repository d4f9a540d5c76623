package kiln.models;

import static kiln.nn.Args.kw;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import kiln.api.data.Augmenter;
import kiln.image.augment.ChannelShiftAugmenter;
import kiln.image.augment.HeightShiftAugmenter;
import kiln.image.augment.HorizontalFlipAugmenter;
import kiln.image.augment.ImageShape;
import kiln.image.augment.RotationAugmenter;
import kiln.image.augment.ShearAugmenter;
import kiln.image.augment.WidthShiftAugmenter;
import kiln.image.augment.ZoomAugmenter;
import kiln.nn.Input;
import kiln.nn.MobileNetV2;
import kiln.nn.Model;
import kiln.nn.Network;
import kiln.nn.Tensor;
import kiln.spec.DatasetMixin;
import kiln.spec.EvaluateClassifierMixin;
import kiln.spec.KilnModel;
import kiln.spec.TrainMixin;
import kiln.spec.data.DatasetFolder;
import kiln.spec.data.DirectoryListing;
import kiln.spec.data.ImageFiles;
import kiln.spec.data.SpecDataset;

/**
 * MLTK's image_tf_dataset (mltk/models/examples/image_tf_dataset.py): an image classifier whose spec
 * supplies its data through the dataset API, with MLTK's layout (Keras' MobileNetV2, alpha 0.15,
 * 96x96x3, person / non_person) and settings. The data is MLTK's visual wake words images
 * (vw_coco2014_96: {@code person/} and {@code non_person/} folders), read from
 * {@code <kiln home>/datasets/mscoco14/preprocessed/v1} or the folder named by
 * {@code -Dkiln.dataset.mscoco14.dir}; Kiln has no provider that downloads it. Each subset lists
 * the folder as MLTK's {@code load_image_directory} does (shuffled with seed 42, validation the first
 * 20% of each class, training the rest; the dry run keeps {@code batch_size} files per class), and
 * every image is read, smart-resized, augmented from its element's seed and standardized on worker
 * threads (MLTK's {@code parallel_process}), for validation and evaluation too, as MLTK does.
 * Augmentations: MLTK's brightness (+-0.1), contrast (0.9..1.1), hue (+-0.1), saturation
 * (0.9..1.1) and left-right flip, and Keras' channel shift, shear, zoom, shift and rotation through
 * Kiln's image augmenters (the draws are Kiln's, not TensorFlow's). MLTK batches the paths for its process pool with
 * {@code drop_remainder}, which drops up to 49 files per subset; Kiln keeps them.
 *
 * <p>@kiln_model
 */
public class image_tf_dataset extends KilnModel implements TrainMixin, DatasetMixin, EvaluateClassifierMixin {
  static final double VALIDATION_SPLIT = 0.2;
  static final String DATASET = "mscoco14";

  public image_tf_dataset() {
    version = 1;
    description = "Image classifier example using the Tensorflow dataset API with augmentations";

    epochs = 80;
    batchSize = 50;
    optimizer = "adam";
    loss = "categorical_crossentropy";
    metrics = List.of("accuracy");

    checkpoint.put("monitor", "val_accuracy");
    reduceLrOnPlateau = kw("monitor", "val_loss", "factor", 0.95, "min_delta", 0.001, "patience", 1, "verbose", 1);
    earlyStopping = kw("monitor", "val_accuracy", "patience", 15, "verbose", 1);
    // MLTK's spec also sets "update_freq", "batch": Kiln writes TensorBoard scalars once per epoch
    tensorboard = kw("histogram_freq", 0, "write_graph", false, "write_images", false,
        "profile_batch", List.of(51, 51));
    // MLTK also adds Keras' TerminateOnNaN callback: Kiln's trainer stops on a NaN loss by itself

    tfliteConverter.put("optimizations", List.of("DEFAULT"));
    tfliteConverter.put("supported_ops", List.of("TFLITE_BUILTINS_INT8"));
    tfliteConverter.put("inference_input_type", "float32");
    tfliteConverter.put("inference_output_type", "float32");
    tfliteConverter.put("representative_dataset", "generate");

    inputShape = new int[] {96, 96, 3};
    classes = List.of("person", "non_person");
    classMode = "categorical";
    classWeights = "balanced";
    // the images are standardized per image; the device must do the same before inference
    modelParameters.put("samplewise_norm.mean_and_std", true);
  }

  @Override
  public SpecDataset trainingData() {
    return subset(VALIDATION_SPLIT, 1, 0.65);
  }

  @Override
  public SpecDataset validationData() {
    return subset(0, VALIDATION_SPLIT, 0.35);
  }

  /** MLTK evaluates on the validation subset. */
  @Override
  public SpecDataset evaluationData() {
    return validationData();
  }

  /** MLTK's _load_subset: list, augment in parallel, shuffle, batch. */
  private SpecDataset subset(double from, double to, double cpuShare) {
    Path dir = DatasetFolder.of(DATASET, "mscoco14/preprocessed/v1", "download MLTK's vw_coco2014_96.tar.gz"
        + " (https://www.silabs.com/public/files/github/machine_learning/benchmarks/datasets/vw_coco2014_96.tar.gz)"
        + " and extract its person/ and non_person/ folders there");
    DirectoryListing files = DirectoryListing.list(dir, DirectoryListing.Options.of(classes, DirectoryListing.IMAGES)
        .split(from, to).shuffle(42).maxSamplesPerClass(testMode() ? batchSize : -1));
    int threads = Math.max(1, (int) (Runtime.getRuntime().availableProcessors() * cpuShare));
    return SpecDataset.fromDirectory(files, this::augment, threads)
        .shuffle(batchSize * 100, 42)
        .batch(batchSize)
        .prefetch(2);
  }

  /** MLTK's image_augmentation for one file: read, resize, augment from the seed, standardize. */
  float[] augment(Path file, long seed) {
    int h = inputShape[0];
    int w = inputShape[1];
    int c = inputShape[2];
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = ImageFiles.read(file, h, w, c);
    // tf.image.stateless_random_brightness(max_delta=0.1): one delta added to every value
    float delta = (float) (0.2 * random.nextDouble() - 0.1);
    // tf.image.stateless_random_contrast(0.9, 1.1): each channel's values moved from their mean
    double factor = 0.9 + 0.2 * random.nextDouble();
    for (int k = 0; k < c; k++) {
      double mean = 0;
      for (int i = k; i < x.length; i += c) {
        mean += x[i] + delta;
      }
      mean /= (double) h * w;
      for (int i = k; i < x.length; i += c) {
        x[i] = (float) ((x[i] + delta - mean) * factor + mean);
      }
    }
    if (c == 3) {
      // tf.image.stateless_random_hue(0.1) and stateless_random_saturation(0.9, 1.1)
      ImageFiles.adjustHue(x, 0.2 * random.nextDouble() - 0.1);
      ImageFiles.adjustSaturation(x, 0.9 + 0.2 * random.nextDouble());
    }
    Map<String, Object> settings = new ShapeSettings(h, w, c).settings;
    for (Augmenter a : AUGMENTERS) {
      x = a.apply(x, 0, settings, random);
    }
    return ImageFiles.standardize(x);
  }

  /** Keras' random_channel_shift, random_shear, random_zoom, random_shift, random_rotation, in MLTK's order. */
  private static final List<Augmenter> AUGMENTERS = List.of(new HorizontalFlipAugmenter(),
      new ChannelShiftAugmenter(), new ShearAugmenter(), new ZoomAugmenter(), new WidthShiftAugmenter(),
      new HeightShiftAugmenter(), new RotationAugmenter());

  /** The augmenters' settings: MLTK's arguments and the image shape. */
  private static final class ShapeSettings {
    final Map<String, Object> settings = new LinkedHashMap<>();

    ShapeSettings(int h, int w, int c) {
      settings.put("horizontal_flip", true);
      settings.put("channel_shift_range", 0.1);
      settings.put("shear_range", 0.1);
      settings.put("zoom_range", List.of(0.9, 1.1));
      settings.put("width_shift_range", 0.1);
      settings.put("height_shift_range", 0.1);
      settings.put("rotation_range", 10);
      new ImageShape(h, w, c).into(settings);
    }
  }

  /** Model layout: Keras' MobileNetV2(alpha=0.15, include_top=True, weights=None). */
  @Override
  public Network buildModel() {
    Tensor in = Input.of(inputShape());
    return new Model(name(), in, MobileNetV2.classifier(in, nClasses(), 0.15, 0));
  }
}
