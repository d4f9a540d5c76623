package kiln.models;

import static kiln.nn.Args.kw;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import kiln.api.KilnException;
import kiln.nn.AveragePooling2D;
import kiln.nn.BatchNormalization;
import kiln.nn.Concatenate;
import kiln.nn.Conv2D;
import kiln.nn.Dense;
import kiln.nn.Flatten;
import kiln.nn.Input;
import kiln.nn.Layer;
import kiln.nn.Model;
import kiln.nn.Network;
import kiln.nn.Tensor;
import kiln.spec.DatasetMixin;
import kiln.spec.data.DatasetFolder;
import kiln.spec.data.IdxArrays;
import kiln.spec.data.Sample;
import kiln.spec.data.SpecDataset;
import kiln.spec.KilnModel;
import kiln.spec.TrainMixin;

/**
 * MLTK's (and YZLite's) siamese_contrastive (mltk/models/examples/siamese_contrastive.py): whether
 * two MNIST digits are the same, from pairs made of Kiln's {@code mnist} images (30,000 training,
 * 30,000 validation, the test set for evaluation). One embedding network (batch norm, conv 4 and 16
 * 5x5 tanh with 2x2 average pooling, batch norm, dense 10 tanh) is applied to both images: its
 * layers are shared, so both towers use one set of weights. The two embeddings are concatenated and
 * scored by dense 64, 16 and one sigmoid unit, trained with a contrastive loss (margin 1) on the
 * sigmoid output and RMSprop. The model has two inputs of 28x28x1; Kiln's trainer and quantizer take
 * each sample's two images concatenated (first image, then second), so the spec's input shape is
 * the pair, (2, 28, 28, 1).
 *
 * <p>The spec supplies its data as MLTK's loader makes it: MNIST's IDX files (the folder named by
 * the system property {@code kiln.dataset.mnist.dir}, else where Kiln's {@code mnist} provider
 * downloads them, {@code <kiln home>/datasets/.downloads/mnist}), pixels as float32 0..255 (the
 * first batch norm scales them), the first 30,000 training images for training, the other 30,000
 * for validation, the test images for evaluation; each image gives two pairs, one with a random
 * image of the same digit (label 1) and one with a random image of another digit (label 0), drawn
 * with a seeded random (MLTK's are not seeded). The dry run keeps batch_size * 3 images of each.
 *
 * <p>Kiln's file folds neither batch norm into the layer after it (MLTK's converter folds both into
 * the conv and the dense), so it has MUL and ADD ops MLTK's has not, with the same MACs. MLTK's
 * custom evaluation (a pair is right when |prediction - label| < 0.2) has no Kiln counterpart yet.
 *
 * <p>@kiln_model
 */
public class siamese_contrastive extends KilnModel implements TrainMixin, DatasetMixin {

  public siamese_contrastive() {
    version = 1;
    description = "Image similarity estimation using a Siamese Network with a contrastive loss";

    epochs = 10;
    batchSize = 16;
    // MLTK: ContrastiveLoss(margin=1.0) = mean((1 - y) * p^2 + y * max(1 - p, 0)^2)
    loss = "contrastive";
    metrics = List.of("accuracy");
    optimizer = "rmsprop";

    tfliteConverter.put("optimizations", List.of("DEFAULT"));
    tfliteConverter.put("supported_ops", List.of("TFLITE_BUILTINS_INT8"));
    tfliteConverter.put("inference_input_type", "float32");
    tfliteConverter.put("inference_output_type", "float32");
    // MLTK: the first 100 batches of training pairs
    tfliteConverter.put("representative_dataset", "generate");

    classMode = "binary";
    // MLTK leaves classes empty; Kiln's binary class mode names the labels: 0 different, 1 same digit
    classes = List.of("different", "same");
    // a pair of 28x28x1 images: the model's two inputs, concatenated per sample
    inputShape = new int[] {2, 28, 28, 1};
  }

  private IdxArrays train;
  private IdxArrays test;

  @Override
  public SpecDataset trainingData() {
    load();
    return pairs(train.slice(0, train.count() / 2), 1);
  }

  @Override
  public SpecDataset validationData() {
    load();
    return pairs(train.slice(train.count() / 2, train.count()), 2);
  }

  @Override
  public SpecDataset evaluationData() {
    load();
    return pairs(test, 3);
  }

  /** mnist.load_data(), once; the dry run keeps the first batch_size * 3 images of each split. */
  private void load() {
    if (train != null) {
      return;
    }
    Path dir = DatasetFolder.location("mnist", Path.of(".downloads", "mnist").toString());
    for (String f : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
        "t10k-labels-idx1-ubyte.gz")) {
      if (!Files.isRegularFile(dir.resolve(f))) {
        throw new KilnException("MNIST's " + f + " is not in " + dir + " (Kiln's mnist provider downloads the four"
            + " IDX files there, or name a folder holding them: -Dkiln.dataset.mnist.dir=...)");
      }
    }
    IdxArrays tr = IdxArrays.read(dir.resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-labels-idx1-ubyte.gz"));
    IdxArrays te = IdxArrays.read(dir.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("t10k-labels-idx1-ubyte.gz"));
    if (testMode()) {
      // MLTK keeps batch_size * 3 of the training and of the validation images
      tr = tr.slice(0, batchSize * 6);
      te = te.slice(0, batchSize * 3);
    }
    train = tr;
    test = te;
  }

  /**
   * MLTK's make_pairs: for each image, a pair with a random image of its digit (label 1) and a pair
   * with a random image of a random other digit (label 0); x is the two images concatenated.
   */
  static SpecDataset pairs(IdxArrays images, long seed) {
    List<Sample> all = images.dataset(1f).toList(-1);
    List<List<Integer>> byDigit = new ArrayList<>();
    for (int d = 0; d < 10; d++) {
      byDigit.add(new ArrayList<>());
    }
    for (int i = 0; i < all.size(); i++) {
      byDigit.get(all.get(i).label()).add(i);
    }
    List<Integer> present = new ArrayList<>();
    for (int d = 0; d < 10; d++) {
      if (!byDigit.get(d).isEmpty()) {
        present.add(d);
      }
    }
    if (present.size() < 2) {
      throw new KilnException("siamese_contrastive: pairs of different digits need images of two digits or more;"
          + " the images hold " + present);
    }
    Random r = new Random(seed);
    int[][] pairs = new int[2 * all.size()][];
    for (int i = 0; i < all.size(); i++) {
      int digit = all.get(i).label();
      List<Integer> same = byDigit.get(digit);
      pairs[2 * i] = new int[] {i, same.get(r.nextInt(same.size())), 1};
      int other;
      do {
        other = present.get(r.nextInt(present.size()));
      } while (other == digit);
      List<Integer> others = byDigit.get(other);
      pairs[2 * i + 1] = new int[] {i, others.get(r.nextInt(others.size())), 0};
    }
    // the pairs are fixed (as MLTK makes them once); their floats are made as they are read
    return SpecDataset.fromGenerator(() -> Arrays.stream(pairs).map(p -> {
      float[] a = all.get(p[0]).x();
      float[] b = all.get(p[1]).x();
      float[] x = new float[a.length + b.length];
      System.arraycopy(a, 0, x, 0, a.length);
      System.arraycopy(b, 0, x, a.length, b.length);
      return Sample.of(x, p[2]);
    }).iterator());
  }

  @Override
  public Network buildModel() {
    // the embedding network's layers, each applied to both images (shared weights)
    List<Layer> tower = List.of(
        new BatchNormalization(),
        new Conv2D(kw("filters", 4, "kernel_size", 5, "activation", "tanh")),
        new AveragePooling2D(2, 2),
        new Conv2D(kw("filters", 16, "kernel_size", 5, "activation", "tanh")),
        new AveragePooling2D(2, 2),
        new Flatten(),
        new BatchNormalization(),
        new Dense(kw("units", 10, "activation", "tanh")));
    int[] image = Arrays.copyOfRange(inputShape(), 1, inputShape().length);
    Tensor in1 = Input.of(image);
    Tensor in2 = Input.of(image);
    Tensor x = new Concatenate().apply(embed(tower, in1), embed(tower, in2));
    x = new Dense(kw("units", 64, "activation", "relu")).apply(x);
    x = new Dense(kw("units", 16, "activation", "relu")).apply(x);
    Tensor out = new Dense(kw("units", 1, "activation", "sigmoid")).apply(x);
    return new Model(name(), List.of(in1, in2), List.of(out));
  }

  private static Tensor embed(List<Layer> tower, Tensor x) {
    for (Layer l : tower) {
      x = l.apply(x);
    }
    return x;
  }
}
