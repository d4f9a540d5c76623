package kiln.models;

import static kiln.nn.Args.kw;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kiln.api.KilnException;
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
import kiln.spec.data.IdxArrays;
import kiln.spec.data.SpecDataset;

/**
 * MLTK's basic_tf_dataset_example (mltk/models/examples/basic_tf_dataset_example.py): the spec
 * supplies its own data, no dataset provider or data generator. Fashion-MNIST's IDX files (Debian's
 * dataset-fashion-mnist in /usr/share/datasets/fashion-mnist, or the folder named by the system
 * property kiln.dataset.fashion_mnist.dir) are scaled to [0, 1]; the last 10% of the training images
 * are the validation data, the 10,000 test images the evaluation data. The dry run
 * ({@code basic_tf_dataset_example-test}) uses the first 384 images of each file, as MLTK does.
 * Each subset is shuffled with seed 42 (Kiln's seeded shuffle: the same order every run, not
 * TensorFlow's order) and batched by 128.
 *
 * <p>@kiln_model
 */
public class basic_tf_dataset_example extends KilnModel
    implements TrainMixin, DatasetMixin, EvaluateClassifierMixin {
  static final double VALIDATION_SPLIT = 0.1;

  private IdxArrays train;
  private IdxArrays test;

  public basic_tf_dataset_example() {
    version = 1;
    description = "Basic Tensorflow Dataset API example";

    classes = List.of("tshirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "boot");
    inputShape = new int[] {28, 28, 1};
    classMode = "categorical";
    classWeights = "balanced";
    batchSize = 128;
    epochs = 15;
    optimizer = "adam";
    loss = "categorical_crossentropy";
    metrics = List.of("accuracy");
    // MLTK also adds Keras' TerminateOnNaN callback: Kiln's trainer stops on a NaN loss by itself
  }

  @Override
  public SpecDataset trainingData() {
    load();
    int validation = (int) (train.count() * VALIDATION_SPLIT);
    return subset(train.slice(0, train.count() - validation));
  }

  @Override
  public SpecDataset validationData() {
    load();
    int validation = (int) (train.count() * VALIDATION_SPLIT);
    return subset(train.slice(train.count() - validation, train.count()));
  }

  @Override
  public SpecDataset evaluationData() {
    load();
    return subset(test);
  }

  /** MLTK's _create_dataset_subset: shuffle all with seed 42, batches of batch_size. */
  private SpecDataset subset(IdxArrays a) {
    return a.dataset(1 / 255f).shuffle(Math.max(1, a.count()), 42).batch(batchSize);
  }

  /** fashion_mnist.load_data(), once; the dry run keeps the first batch_size * 3 images of each file. */
  private void load() {
    if (train != null) {
      return;
    }
    Path dir = Path.of(System.getProperty("kiln.dataset.fashion_mnist.dir", "/usr/share/datasets/fashion-mnist"));
    for (String f : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
        "t10k-labels-idx1-ubyte.gz")) {
      if (!Files.isRegularFile(dir.resolve(f))) {
        throw new KilnException("Fashion-MNIST's " + f + " is not in " + dir + " (install Debian's "
            + "dataset-fashion-mnist, or name a folder with the four IDX files: -Dkiln.dataset.fashion_mnist.dir=...)");
      }
    }
    IdxArrays tr = IdxArrays.read(dir.resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-labels-idx1-ubyte.gz"));
    IdxArrays te = IdxArrays.read(dir.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("t10k-labels-idx1-ubyte.gz"));
    if (testMode()) {
      tr = tr.slice(0, batchSize * 3);
      te = te.slice(0, batchSize * 3);
    }
    train = tr;
    test = te;
  }

  /** Model layout: conv 32 and 64 (3x3, ReLU) with 2x2 max pooling, dropout 0.5, dense softmax. */
  @Override
  public Network buildModel() {
    Sequential model = new Sequential(name());
    model.add(new InputLayer(inputShape()));
    model.add(new Conv2D(kw("filters", 32, "kernel_size", List.of(3, 3), "activation", "relu")));
    model.add(new MaxPooling2D(kw("pool_size", List.of(2, 2))));
    model.add(new Conv2D(kw("filters", 64, "kernel_size", List.of(3, 3), "activation", "relu")));
    model.add(new MaxPooling2D(kw("pool_size", List.of(2, 2))));
    model.add(new Flatten());
    model.add(new Dropout(0.5));
    model.add(new Dense(kw("units", nClasses(), "activation", "softmax")));
    return model;
  }
}
