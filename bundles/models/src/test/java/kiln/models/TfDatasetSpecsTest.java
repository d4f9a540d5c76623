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

  /**
   * Keras' MobileNetV2 MACs counted from its block table (keras/applications/mobilenet_v2.py), for
   * a square input of side {@code side}: the stride-2 3x3 stem, 17 inverted residual blocks (1x1
   * expand except block 0, 3x3 depthwise, 1x1 project; filters make_divisible(int(f * alpha), 8)),
   * the 1x1 conv to 1280 and the dense classifier.
   */
  static long mobileNetV2Macs(int side, int channels, double alpha, int classes) {
    int[][] blocks = {{16, 1, 1}, {24, 2, 6}, {24, 1, 6}, {32, 2, 6}, {32, 1, 6}, {32, 1, 6}, {64, 2, 6},
        {64, 1, 6}, {64, 1, 6}, {64, 1, 6}, {96, 1, 6}, {96, 1, 6}, {96, 1, 6}, {160, 2, 6}, {160, 1, 6},
        {160, 1, 6}, {320, 1, 6}};
    int s = (side + 1) / 2;
    int in = divisible(32 * alpha);
    long macs = (long) s * s * 9 * channels * in;
    for (int[] b : blocks) {
      int expanded = in * b[2];
      if (b[2] != 1) {
        macs += (long) s * s * in * expanded;
      }
      s = b[1] == 2 ? s / 2 : s;
      int out = divisible((int) (b[0] * alpha));
      macs += (long) s * s * 9 * expanded + (long) s * s * expanded * out;
      in = out;
    }
    return macs + (long) s * s * in * 1280 + 1280L * classes;
  }

  /** Keras' _make_divisible(v, 8). */
  static int divisible(double v) {
    int n = Math.max(8, (int) (v + 4) / 8 * 8);
    return n < 0.9 * v ? n + 8 : n;
  }

  @Test
  void imageTfDatasetIsKerasMobileNetV2WithMltksSettings() {
    KilnModel m = FINDER.load("image_tf_dataset");
    assertThat(m.inputShape()).containsExactly(96, 96, 3);
    assertThat(m.classes).containsExactly("person", "non_person");
    assertThat(ModelSummary.of(m.buildGraph()).totalMacs()).isEqualTo(mobileNetV2Macs(96, 3, 0.15, 2));
    assertThat(m.dataset).isNull();
    assertThat(m.batchSize).isEqualTo(50);
    assertThat(m.epochs).isEqualTo(80);
    assertThat(m.tfliteConverter).containsEntry("inference_input_type", "float32");
    assertThat(m.modelParameters).containsEntry("samplewise_norm.mean_and_std", true);
    assertThat(m.reduceLrOnPlateau).containsEntry("monitor", "val_loss").containsEntry("factor", 0.95);
  }

  @Test
  void audioTfDatasetHasMltksLayoutAndFrontend() {
    KilnModel m = FINDER.load("audio_tf_dataset");
    // 1000 ms at 16 kHz, 32 ms windows every 16 ms: (16000 - 512) / 256 + 1 = 61 frames of 64 channels
    assertThat(m.inputShape()).containsExactly(61, 64, 1);
    // worked by hand: 3x3 same convs at 61x64 (1 -> 8), 30x32 (8 -> 16), 15x16 (16 -> 32), 7x8 and
    // 3x4 (32 -> 32), pooled to 1x2x32, dense to 5
    long macs = 61L * 64 * 9 * 8 + 30L * 32 * 9 * 8 * 16 + 15L * 16 * 9 * 16 * 32 + 7L * 8 * 9 * 32 * 32
        + 3L * 4 * 9 * 32 * 32 + 64 * 5;
    assertThat(ModelSummary.of(m.buildGraph()).totalMacs()).isEqualTo(macs);
    // worked by hand: conv weights + biases, 4 values per batch-norm channel, dense 64 * 5 + 5
    long params = (9 * 8 + 8) + (9 * 8 * 16 + 16) + (9 * 16 * 32 + 32) + 2 * (9 * 32 * 32 + 32)
        + 4 * (8 + 16 + 32 + 32 + 32) + 64 * 5 + 5;
    assertThat(ModelSummary.of(m.buildGraph()).totalParams()).isEqualTo(params);
    assertThat(m.classes).containsExactly("left", "right", "up", "down", "_unknown_");
    assertThat(m.modelParameters).containsEntry("fe.window_size_ms", 32).containsEntry("fe.filterbank_n_channels", 64)
        .containsEntry("fe.quantize_dynamic_scale_enable", true).containsEntry("detection_threshold", 165);
    assertThat(m.tfliteConverter).containsEntry("inference_input_type", "int8");
  }

  /** The four keywords as folders of empty .wav files, two unknown-word folders and background noise. */
  @Test
  void audioTfDatasetListsLikeMltksLoadAudioDirectory() throws Exception {
    for (String c : List.of("left", "right", "up", "down", "yes", "no", "_background_noise_")) {
      java.nio.file.Files.createDirectories(dir.resolve(c));
      for (int i = 0; i < 10; i++) {
        java.nio.file.Files.write(dir.resolve(c).resolve(c + i + ".wav"), new byte[0]);
      }
    }
    System.setProperty("kiln.dataset.speech_commands_v2.dir", dir.toString());
    try {
      DatasetMixin m = (DatasetMixin) FINDER.load("audio_tf_dataset");
      // validation: ceil(0.2 * 10) = 2 per keyword; unknown: int(2 * 2.0) = 4, 2 from each of no, yes
      kiln.spec.data.DirectoryListing v = kiln.spec.data.DirectoryListing.list(dir, kiln.spec.data.DirectoryListing
          .Options.of(((KilnModel) m).classes, kiln.spec.data.DirectoryListing.WAV).split(0, 0.2).shuffle(42)
          .unknownClassPercentage(2.0));
      assertThat(v.classCounts()).containsEntry("left", 2).containsEntry("_unknown_", 4);
      assertThat(v.size()).isEqualTo(4 * 2 + 4);
      // the spec's subset is built on that folder (lazily: the empty files are never decoded here)
      assertThat(m.validationData().batchSize()).isEqualTo(32);
    } finally {
      System.clearProperty("kiln.dataset.speech_commands_v2.dir");
    }
  }

  @Test
  void aMissingDatasetFolderSaysWhereAndHow() {
    System.setProperty("kiln.home", dir.toString());
    try {
      DatasetMixin m = (DatasetMixin) FINDER.load("audio_tf_dataset");
      assertThatThrownBy(m::trainingData).hasMessageContaining("dataset speech_commands_v2 is not in "
          + dir.resolve("datasets").resolve("speech_commands_v2"))
          .hasMessageContaining("keyword_spotting_on_off").hasMessageContaining("-Dkiln.dataset.speech_commands_v2.dir");
      DatasetMixin i = (DatasetMixin) FINDER.load("image_tf_dataset");
      assertThatThrownBy(i::validationData).hasMessageContaining("vw_coco2014_96.tar.gz")
          .hasMessageContaining("-Dkiln.dataset.mscoco14.dir");
    } finally {
      System.clearProperty("kiln.home");
    }
  }

  /** Both sources compile as user specs (what an archive stores and a user copies) with the same layout. */
  @Test
  void sourcesCompileAsUserSpecs() throws Exception {
    Path user = java.nio.file.Files.createDirectories(dir.resolve("specs"));
    for (String name : List.of("image_tf_dataset", "audio_tf_dataset")) {
      java.nio.file.Files.writeString(user.resolve(name + ".java"), FINDER.load(name).specSource());
    }
    SearchPathModelFinder finder = new SearchPathModelFinder(() -> new kiln.spec.SearchPath(List.of(
        new kiln.spec.SearchPath.Root(user, false, "test"))), List::of);
    for (String name : List.of("image_tf_dataset", "audio_tf_dataset")) {
      assertThat(ModelSummary.of(finder.load(name).buildGraph()).totalMacs()).as(name)
          .isEqualTo(ModelSummary.of(FINDER.load(name).buildGraph()).totalMacs());
    }
  }
}
