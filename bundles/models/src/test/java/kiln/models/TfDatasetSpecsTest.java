package kiln.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import kiln.nn.ModelSummary;
import kiln.spec.DatasetMixin;
import kiln.spec.KilnModel;
import kiln.spec.SearchPathModelFinder;
import kiln.spec.data.Sample;
import kiln.util.data.Idx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MLTK's dataset-route example as a Kiln spec: its layout against Keras' published figures and its
 * data (small Fashion-MNIST-format IDX files written here) split as MLTK's loader splits it.
 */
class TfDatasetSpecsTest {
  static final SearchPathModelFinder FINDER = SearchPathModelFinder.standard(ReferenceSpecs::all);
  static final String DIR = "kiln.dataset.fashion_mnist.dir";

  @TempDir Path dir;

  @AfterEach
  void clear() {
    System.clearProperty(DIR);
  }

  /**
   * Writes Fashion-MNIST-format files: training image i has pixel 0 = i % 256 and label i % 10;
   * test image i has pixel 0 = 255 - i % 256 and label (i + 3) % 10.
   */
  static void writeIdx(Path dir, int train, int test) {
    write(dir, "train", train, i -> i % 256, i -> i % 10);
    write(dir, "t10k", test, i -> 255 - i % 256, i -> (i + 3) % 10);
  }

  private static void write(Path dir, String prefix, int n, java.util.function.IntUnaryOperator first,
      java.util.function.IntUnaryOperator label) {
    byte[] px = new byte[n * 28 * 28];
    byte[] y = new byte[n];
    for (int i = 0; i < n; i++) {
      px[i * 784] = (byte) first.applyAsInt(i);
      // a bright bar in the rows of the label, so a model has something to learn
      for (int r = 2 * label.applyAsInt(i); r < 2 * label.applyAsInt(i) + 3; r++) {
        for (int c = 4; c < 24; c++) {
          px[i * 784 + r * 28 + c] = (byte) 200;
        }
      }
      y[i] = (byte) label.applyAsInt(i);
    }
    new Idx(new int[] {n, 28, 28}, px).write(dir.resolve(prefix + "-images-idx3-ubyte.gz"));
    new Idx(new int[] {n}, y).write(dir.resolve(prefix + "-labels-idx1-ubyte.gz"));
  }

  static List<Integer> firstPixels(List<Sample> samples) {
    List<Integer> out = new ArrayList<>();
    for (Sample s : samples) {
      out.add(Math.round(s.x()[0] * 255));
    }
    return out;
  }

  /** Keras' "Simple MNIST convnet" (the same layout) publishes 34,826 parameters. */
  @Test
  void layoutIsKerasMnistConvnet() {
    KilnModel m = FINDER.load("basic_tf_dataset_example");
    ModelSummary s = ModelSummary.of(m.buildGraph());
    assertThat(s.totalParams()).isEqualTo(34_826L);
    // worked by hand: 26*26*32*9 + 11*11*64*9*32 + 1600*10
    assertThat(s.totalMacs()).isEqualTo(194_688L + 2_230_272L + 16_000L);
    assertThat(m.dataset).isNull();
    assertThat(m.classes).containsExactly("tshirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt",
        "sneaker", "bag", "boot");
    assertThat(m.batchSize).isEqualTo(128);
    assertThat(m.epochs).isEqualTo(15);
    assertThat(m.classWeights).isEqualTo("balanced");
  }

  @Test
  void splitsLikeMltksLoader() {
    writeIdx(dir, 50, 20);
    System.setProperty(DIR, dir.toString());
    DatasetMixin m = (DatasetMixin) FINDER.load("basic_tf_dataset_example");
    List<Sample> train = m.trainingData().toList(-1);
    List<Sample> validation = m.validationData().toList(-1);
    List<Sample> evaluation = m.evaluationData().toList(-1);
    // int(50 * 0.1) = 5 validation images: the last five of the training file
    assertThat(new HashSet<>(firstPixels(validation))).containsExactlyInAnyOrder(45, 46, 47, 48, 49);
    Set<Integer> t = new HashSet<>(firstPixels(train));
    assertThat(t).hasSize(45).allMatch(v -> v < 45);
    assertThat(new HashSet<>(firstPixels(evaluation))).hasSize(20).allMatch(v -> v >= 255 - 19);
    for (Sample s : evaluation) {
      int i = 255 - Math.round(s.x()[0] * 255);
      assertThat(s.label()).isEqualTo((i + 3) % 10);
    }
    // shuffled (seed 42): not in file order, and the same order on every read
    assertThat(firstPixels(train)).isNotEqualTo(new ArrayList<>(new java.util.TreeSet<>(t)));
    assertThat(firstPixels(m.trainingData().toList(-1))).isEqualTo(firstPixels(train));
    assertThat(m.trainingData().batchSize()).isEqualTo(128);
  }

  @Test
  void theDryRunKeepsThreeBatchesOfEachFile() {
    writeIdx(dir, 500, 400);
    System.setProperty(DIR, dir.toString());
    DatasetMixin m = (DatasetMixin) FINDER.load("basic_tf_dataset_example-test");
    // MLTK: x[:128 * 3] = 384; int(384 * 0.1) = 38 for validation
    assertThat(m.trainingData().toList(-1)).hasSize(346);
    assertThat(m.validationData().toList(-1)).hasSize(38);
    assertThat(m.evaluationData().toList(-1)).hasSize(384);
  }

  @Test
  void missingFilesAreNamed() {
    System.setProperty(DIR, dir.resolve("nowhere").toString());
    DatasetMixin m = (DatasetMixin) FINDER.load("basic_tf_dataset_example");
    assertThatThrownBy(m::trainingData).hasMessageContaining("Fashion-MNIST's train-images-idx3-ubyte.gz is not in "
        + dir.resolve("nowhere")).hasMessageContaining("dataset-fashion-mnist");
  }
}
