package kiln.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import kiln.api.model.LayerGraph;
import kiln.nn.ModelSummary;
import kiln.spec.KilnModel;
import kiln.spec.ModelEntry;
import kiln.spec.SearchPath;
import kiln.spec.SearchPathModelFinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MLTK's reference models as Kiln specs: each layout against the figure MLTK publishes for it
 * ("Total MACs" of {@code mltk summarize --tflite} in the model's docstring, snapshot 2025-03), its
 * input shape and classes, and its dataset (MLTK's name where Kiln has no provider for it).
 */
class ZooSpecsTest {
  static final SearchPathModelFinder FINDER = SearchPathModelFinder.standard(ReferenceSpecs::all);

  /**
   * One model: MLTK's printed MACs ("4.562 M"), the input shape MLTK's profiler prints (without
   * the batch), the classes and the dataset setting.
   */
  record Published(String name, String macs, int[] input, List<String> classes, String dataset) {
    @Override
    public String toString() {
      return name;
    }
  }

  static int[] s(int... d) {
    return d;
  }

  static final List<String> ONE_TO_TEN = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

  static Stream<Published> published() {
    return Stream.of(
        new Published("anomaly_detection", "264.192 k", s(5, 128, 1), List.of("normal"), "toyadmos:preprocessed/v1"),
        new Published("image_classification", "12.502 M", s(32, 32, 3), List.of("airplane", "automobile", "bird",
            "cat", "deer", "dog", "frog", "horse", "ship", "truck"), "cifar10"),
        new Published("keyword_spotting", "2.657 M", s(50, 10, 1), List.of("yes", "no", "up", "down", "left",
            "right", "on", "off", "stop", "go", "unknown", "_background_noise_"), "speech_commands:preprocessed/v1"),
        new Published("visual_wake_words", "7.490 M", s(96, 96, 3), List.of("person", "non_person"),
            "mscoco14:preprocessed/v1"),
        new Published("tflite_micro_magic_wand", "62.016 k", s(128, 3, 1), List.of("wing", "ring", "slope",
            "negative"), "tflm_magic_wand"),
        new Published("keyword_spotting_on_off", "278.144 k", s(49, 32, 1), List.of("on", "off", "_unknown_",
            "_silence_"), "speech_commands_v2"),
        new Published("keyword_spotting_on_off_v2", "8.098 M", s(99, 68, 1), List.of("on", "off", "_unknown_"),
            "synthetic_on_off_v1"),
        new Published("keyword_spotting_on_off_v3", "6.116 M", s(98, 104, 1), List.of("on", "off", "_unknown_"),
            "on_off"),
        new Published("keyword_spotting_pacman", "2.939 M", s(69, 70, 1), List.of("left", "right", "up", "down",
            "stop", "go", "_silence_"), "speech_commands_v2"),
        new Published("keyword_spotting_pacman_v2", "8.098 M", s(99, 68, 1), List.of("left", "right", "up", "down",
            "stop", "go", "_unknown_"), "recorded_pacman_game_play"),
        new Published("keyword_spotting_pacman_v3", "6.018 M", s(98, 104, 1), List.of("left", "right", "up", "down",
            "stop", "go", "_unknown_"), "direction_commands"),
        // the LSTM counts no MACs, as in MLTK's profile (its row 85)
        new Published("keyword_spotting_numbers", "5.074 M", s(98, 40, 1), List.of("zero", "one", "two", "three",
            "four", "five", "six", "seven", "eight", "nine", "_unknown_"), "ten_digits"),
        new Published("keyword_spotting_alexa", "4.562 M", s(118, 108, 1), List.of("alexa", "_unknown_"),
            "sl_synthetic_alexa"),
        new Published("keyword_spotting_heygecko", "9.543 M", s(248, 108, 1), List.of("heygecko", "_unknown_"),
            "hey_gecko"),
        new Published("keyword_spotting_mobilenetv2", "1.737 M", s(59, 49, 1), List.of("left", "right", "up", "down",
            "stop", "go", "_unknown_", "_silence_"), "speech_commands_v2"),
        new Published("keyword_spotting_with_transfer_learning", "1.738 M", s(59, 49, 1), List.of("one", "two",
            "three", "four", "five", "six", "seven", "eight", "nine", "_unknown_", "_silence_"), "speech_commands_v2"),
        new Published("binary_classification", "2.646 M", s(32, 32, 3), List.of("cat", "dog"), "cifar10"),
        new Published("autoencoder_example", "10.240 k", s(140), List.of("normal", "abnormal"), "ecg5000"),
        // conv1d_example reads MLTK's ekg_waveforms folder itself (DatasetMixin), so it names no provider
        new Published("conv1d_example", "5.416 M", s(3600, 1), List.of("1 NSR", "2 APB", "4 AFIB", "7 PVC"), null),
        new Published("audio_example1", "671.184 k", s(59, 49, 1), List.of("up", "down", "left", "right",
            "_unknown_", "_silence_"), "speech_commands_v2"),
        new Published("image_example1", "1.197 M", s(96, 96, 1), List.of("rock", "paper", "scissor"),
            "rock_paper_scissors:v1"),
        new Published("rock_paper_scissors", "5.870 M", s(84, 84, 1), List.of("rock", "paper", "scissor",
            "_unknown_"), "rock_paper_scissors:v2"),
        new Published("tflite_micro_speech", "336.000 k", s(49, 40, 1), List.of("yes", "no", "_unknown_",
            "_silence_"), "speech_commands_v2"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("published")
  void layoutHasMltksMacsInputAndClasses(Published p) {
    KilnModel m = FINDER.load(p.name());
    m.validate();
    assertThat(m.inputShape()).containsExactly(p.input());
    assertThat(m.classes).containsExactlyElementsOf(p.classes());
    assertThat(m.dataset).isEqualTo(p.dataset());
    long macs = ModelSummary.of(m.buildGraph()).totalMacs();
    assertThat(printed(macs, p.macs())).as("%s: %,d MACs printed like MLTK's %s", p.name(), macs, p.macs())
        .isEqualTo(p.macs());
    // the dry run (NAME-test) loads too
    assertThat(FINDER.load(p.name() + "-test").testMode()).isTrue();
  }

  /** Kiln's count as MLTK's summary prints it: three decimals of the figure's unit (k or M). */
  static String printed(long macs, String like) {
    String unit = like.substring(like.indexOf(' ') + 1);
    BigDecimal divisor = new BigDecimal(unit.equals("M") ? 1_000_000 : 1000);
    return new BigDecimal(macs).divide(divisor, 3, RoundingMode.HALF_EVEN) + " " + unit;
  }

  @Test
  void printedMatchesMltksRounding() {
    // worked by hand: 4,561,728 -> 4.562 M; 264,192 -> 264.192 k
    assertThat(printed(4_561_728, "x M")).isEqualTo("4.562 M");
    assertThat(printed(264_192, "x k")).isEqualTo("264.192 k");
  }

  /** Keras' "Simple MNIST convnet" example, which basic_example copies, publishes 34,826 parameters. */
  @Test
  void basicExampleHasKerasMnistConvnetParameters() {
    KilnModel m = FINDER.load("basic_example");
    ModelSummary s = ModelSummary.of(m.buildGraph());
    assertThat(s.totalParams()).isEqualTo(34_826L);
    // worked by hand: 26*26*32*9 + 11*11*64*9*32 + 1600*10
    assertThat(s.totalMacs()).isEqualTo(194_688L + 2_230_272L + 16_000L);
    assertThat(m.dataset).isEqualTo("mnist");
    assertThat(m.inputShape()).containsExactly(28, 28, 1);
    assertThat(m.classes).containsExactlyElementsOf(ONE_TO_TEN);
  }

  /** What MLTK exports of fingerprint_signature_generator is one tower: Total MACs 3.581 M. */
  @Test
  void fingerprintTowerHasMltksMacs() {
    fingerprint_signature_generator m = new fingerprint_signature_generator();
    m.validate();
    LayerGraph tower = m.tower().toGraph();
    assertThat(printed(ModelSummary.of(tower).totalMacs(), "x M")).isEqualTo("3.581 M");
    assertThat(tower.layer(tower.outputs().get(0)).outputShape()).containsExactly(16);
    // worked by hand: conv 5*5*8 + 8, BN 4*8, conv 3*3*8*16 + 16, BN 4*16, dense 16*16 + 16
    assertThat(ModelSummary.of(tower).totalParams()).isEqualTo(208 + 32 + 1168 + 64 + 272);
    assertThat(m.classes).containsExactly("match", "no-match");
  }

  /** summarize prints the tower the spec exports after the Siamese model; a spec with the default does not. */
  @Test
  void summarizePrintsTheExportedTower() {
    String s = kiln.spec.internal.SpecSummary.of(FINDER, "fingerprint_signature_generator");
    int at = s.indexOf("Exported after training (exportModel()):");
    assertThat(at).isPositive();
    // worked by hand: 2 * 3,581,184 + 1 for the Siamese model, 3,581,184 for the tower
    assertThat(s.substring(0, at)).contains("Total MACs: 7,162,369");
    assertThat(s.substring(at)).contains("Total MACs: 3,581,184").contains("Total params: 1,744");
    assertThat(kiln.spec.internal.SpecSummary.of(FINDER, "basic_example")).doesNotContain("Exported after training");
  }

  /**
   * The Siamese training model: two 180x180x1 inputs through one tower (its layers applied twice,
   * their weights once), the distance, batch norm and a sigmoid unit. Worked by hand: two towers of
   * 88*88*8*25 + 42*42*16*9*8 + 16*16 = 3,581,184 MACs and one dense 1x1 MAC; parameters the
   * tower's 1,744, batch norm 4, dense 1 + 1.
   */
  @Test
  void fingerprintTrainingModelIsMltksSiameseNetwork() {
    KilnModel m = FINDER.load("fingerprint_signature_generator");
    LayerGraph g = m.buildGraph();
    assertThat(g.inputs()).hasSize(2);
    assertThat(g.layer(g.inputs().get(1)).outputShape()).containsExactly(180, 180, 1);
    ModelSummary s = ModelSummary.of(g);
    assertThat(s.totalMacs()).isEqualTo(2 * 3_581_184L + 1);
    assertThat(s.totalParams()).isEqualTo(1744 + 4 + 2);
    assertThat(g.layer("euclidean_distance").outputShape()).containsExactly(1);
    assertThat(g.layer("conv2d.1").weights()).extracting(w -> w.name()).containsExactly("conv2d/kernel", "conv2d/bias");
    assertThat(g.layer("dense.1").weights()).extracting(w -> w.name()).containsExactly("dense/kernel", "dense/bias");
    // the exported tower's layers are the training model's first tower, by name and weights
    LayerGraph tower = ((fingerprint_signature_generator) m).tower().toGraph();
    for (var node : tower.layers()) {
      if (!tower.inputs().contains(node.name())) {
        assertThat(g.layer(node.name()).weights()).as(node.name()).isEqualTo(node.weights());
      }
    }
    assertThat(m.loss).isEqualTo("contrastive");
  }

  /**
   * BC-ResNet with MLTK's flags on Kiln's 98x40 spectrogram, counted by hand from kws_streaming's
   * layout: per stage (input channels c, frequency bins F after the stride, filters f, n normal
   * blocks) the transition block has a 1x1 conv (98 F f c), a 1x3 depthwise (98 F f 3), a 3x1
   * depthwise over the frequency mean (98 f 3) and a 1x1 conv (98 f f); each normal block the last
   * three. Parameters: 1x1 convs c f and f f, depthwise 3 f each, batch norms 4 f, sub-spectral
   * norms 4 * 5 f.
   */
  @Test
  void kwsBcResnetHasKwsStreamingsLayout() {
    KilnModel m = FINDER.load("kws_bc_resnet");
    m.validate();
    LayerGraph g = m.buildGraph();
    long macs = 98L * 20 * 16 * 25; // first conv 5x5, strides (1, 2): (98, 20, 16)
    long params = 5 * 5 * 16 + 16;
    int[][] stages = {{16, 20, 8, 2}, {8, 10, 12, 2}, {12, 5, 16, 4}, {16, 5, 20, 4}};
    for (int[] st : stages) {
      long c = st[0], f = st[2], bins = st[1], n = st[3];
      macs += 98 * bins * f * c + (n + 1) * (98 * bins * f * 3 + 98 * f * 3 + 98 * f * f);
      params += c * f + 4 * f + (n + 1) * (3 * f + 20 * f + 3 * f + 4 * f + f * f);
    }
    macs += 98L * 5 * 20 * 25 + 98 * 20 * 32 + 32 * 12; // depthwise 5x5, 1x1 to 32, 1x1 to 12
    params += 25 * 20 + 20 + 20 * 32 + 32 * 12;
    ModelSummary s = ModelSummary.of(g);
    assertThat(s.totalMacs()).isEqualTo(macs).isEqualTo(2_652_656L);
    assertThat(s.totalParams()).isEqualTo(params).isEqualTo(14_024L);
    assertThat(g.layer(g.outputs().get(0)).outputShape()).containsExactly(12);
    assertThat(g.layers().stream().filter(l -> l.type().equals("SubSpectralNormalization")).count())
        .isEqualTo(16);
    assertThat(m.inputShape()).containsExactly(98, 40, 1);
    assertThat(FINDER.load("kws_bc_resnet-test").testMode()).isTrue();
  }

  /** TENet reads the spectrogram as (T, 1, F): MLTK's profiler prints alexa's input as 1x118x1x108. */
  @Test
  void tenetSpecsReshapeTheSpectrogramToMltksInput() {
    for (String name : List.of("keyword_spotting_alexa", "keyword_spotting_heygecko", "keyword_spotting_on_off_v3",
        "keyword_spotting_pacman_v3")) {
      LayerGraph g = FINDER.load(name).buildGraph();
      assertThat(g.layers().get(1).type()).as(name).isEqualTo("Reshape");
      int[] spectrogram = g.layers().get(0).outputShape();
      assertThat(g.layers().get(1).outputShape()).as(name).containsExactly(spectrogram[0], 1, spectrogram[1]);
    }
    assertThat(FINDER.load("keyword_spotting_alexa").buildGraph().layers().get(1).outputShape())
        .containsExactly(118, 1, 108);
  }

  @Test
  void settingsCarriedOverFromMltk() {
    KilnModel onOff = FINDER.load("keyword_spotting_on_off");
    assertThat(onOff.frontendSettings().sampleRateHz()).isEqualTo(8000);
    assertThat(onOff.audioDatagen().loudnessRange).containsExactly(0.2, 1.0);
    assertThat(onOff.modelParameters).containsEntry("detection_threshold", 160);
    // lr = 0.001 * 0.95^epoch
    kiln.api.model.LrSchedule lr = (kiln.api.model.LrSchedule) onOff.lrSchedule.get("schedule");
    assertThat(lr.apply(2, 0)).isCloseTo(0.001 * 0.9025, org.assertj.core.data.Offset.offset(1e-12));

    KilnModel pacman = FINDER.load("keyword_spotting_pacman");
    assertThat(pacman.frontendSettings().dcNotchFilterEnable()).isTrue();
    assertThat(pacman.frontendSettings().quantizeDynamicScaleEnable()).isTrue();
    assertThat(pacman.modelParameters).containsEntry("detection_threshold_list",
        List.of(240, 240, 200, 215, 230, 200, 255));

    // int(.95 * 255) = 242 (Python truncates)
    assertThat(FINDER.load("keyword_spotting_on_off_v3").modelParameters)
        .containsEntry("detection_threshold_list", List.of(242, 242, 255));
    assertThat(FINDER.load("keyword_spotting_alexa").modelParameters)
        .containsEntry("average_window_duration_ms", 440).containsEntry("detection_threshold", 204);

    KilnModel kws = FINDER.load("keyword_spotting");
    kiln.api.model.LrSchedule step = (kiln.api.model.LrSchedule) kws.lrSchedule.get("schedule");
    assertThat(List.of(step.apply(30, 0), step.apply(31, 0), step.apply(45, 0), step.apply(61, 0)))
        .containsExactly(0.001, 0.0005, 0.00025, 0.0001);
    assertThat(FINDER.load("autoencoder_example").loss).isEqualTo("mae");
    assertThat(FINDER.load("anomaly_detection").classMode).isEqualTo("input");
  }

  /**
   * keyword_spotting_numbers' head after the TENet trunk, as MLTK's my_model_builder writes it; its
   * parameters counted by hand with Keras' rules: LayerNormalization 2 x 40, LSTM 4 x (40 x (40 +
   * 40) + 40) = 12,960, LayerNormalization 2 x 40, Dense 40 x 11 + 11, LayerNormalization 2 x 11.
   */
  @Test
  void keywordSpottingNumbersEndsInMltksLstmHead() {
    KilnModel numbers = FINDER.load("keyword_spotting_numbers");
    LayerGraph g = numbers.buildGraph();
    List<kiln.api.model.LayerNode> layers = g.layers();
    List<String> types = layers.subList(layers.size() - 8, layers.size()).stream()
        .map(kiln.api.model.LayerNode::type).toList();
    assertThat(types).containsExactly("Reshape", "LayerNormalization", "LSTM", "LayerNormalization",
        "LastTimeStep", "Dense", "LayerNormalization", "Activation");
    kiln.api.model.LayerNode lstm = layers.get(layers.size() - 6);
    assertThat(layers.get(layers.size() - 7).outputShape()).containsExactly(7, 40);
    assertThat(lstm.outputShape()).containsExactly(7, 40);
    ModelSummary s = ModelSummary.of(g);
    long head = 0;
    for (ModelSummary.Row r : s.rows().subList(layers.size() - 7, layers.size())) {
      head += r.params();
    }
    assertThat(head).isEqualTo(80 + 12_960 + 80 + 451 + 22);
    // no ten_digits provider: the dry run loads, training names the missing dataset
    assertThat(FINDER.load("keyword_spotting_numbers-test").dataset).isEqualTo("ten_digits");
  }

  /**
   * siamese_contrastive: two inputs, one shared embedding network. MLTK's summary prints Total MACs
   * 327.440 k (two towers of 24*24*4*25 + 8*8*16*100 + 256*10, then 20*64 + 64*16 + 16); the
   * shared tower's parameters count once: batch norms 4 and 4*256, convs 5*5*4 + 4 and
   * 5*5*4*16 + 16, dense 256*10 + 10; the head 20*64 + 64, 64*16 + 16, 16 + 1.
   */
  @Test
  void siameseContrastiveSharesItsTower() {
    KilnModel siamese = FINDER.load("siamese_contrastive");
    siamese.validate();
    assertThat(siamese.loss).isEqualTo("contrastive");
    assertThat(siamese.inputShape()).containsExactly(2, 28, 28, 1);
    LayerGraph g = siamese.buildGraph();
    assertThat(g.inputs()).hasSize(2);
    assertThat(g.layer(g.inputs().get(1)).outputShape()).containsExactly(28, 28, 1);
    ModelSummary s = ModelSummary.of(g);
    assertThat(printed(s.totalMacs(), "x k")).isEqualTo("327.440 k");
    assertThat(s.totalParams()).isEqualTo(4 + 104 + 1616 + 1024 + 2570 + 1344 + 1040 + 17);
    assertThat(g.weights()).hasSize(2 * 4 + 2 * 2 + 2 + 6);
    // the second tower's nodes are the first's layers applied again
    assertThat(g.layer("conv2d.1").weights()).extracting(w -> w.name()).containsExactly("conv2d/kernel", "conv2d/bias");
    assertThat(FINDER.load("siamese_contrastive-test").testMode()).isTrue();
  }

  /**
   * The spec sources compile as user specs (what an archive stores, what a user copies and edits):
   * they use only kiln.api, kiln.nn and kiln.spec, and give the bundled layouts.
   */
  @Test
  void specSourcesCompileAsUserSpecs(@TempDir Path dir) throws Exception {
    List<String> names = List.of("keyword_spotting_alexa", "keyword_spotting_mobilenetv2", "conv1d_example",
        "kws_bc_resnet", "keyword_spotting_numbers");
    for (String name : names) {
      Files.writeString(dir.resolve(name + ".java"), FINDER.load(name).specSource());
    }
    SearchPathModelFinder user = new SearchPathModelFinder(
        () -> new SearchPath(List.of(new SearchPath.Root(dir, false, "test"))), List::of);
    for (String name : names) {
      KilnModel m = user.load(name);
      assertThat(m.specPath()).as(name).isNotNull();
      assertThat(ModelSummary.of(m.buildGraph()).totalMacs()).as(name)
          .isEqualTo(ModelSummary.of(FINDER.load(name).buildGraph()).totalMacs());
    }
  }

  @Test
  void listsTheWholeZoo() {
    assertThat(FINDER.list()).extracting(ModelEntry::name).contains(
        "anomaly_detection", "image_classification", "keyword_spotting", "visual_wake_words",
        "tflite_micro_magic_wand", "keyword_spotting_on_off", "keyword_spotting_on_off_v2",
        "keyword_spotting_on_off_v3", "keyword_spotting_numbers", "keyword_spotting_pacman",
        "keyword_spotting_pacman_v2", "keyword_spotting_pacman_v3", "keyword_spotting_alexa",
        "keyword_spotting_heygecko", "keyword_spotting_mobilenetv2", "kws_bc_resnet", "basic_example",
        "binary_classification", "autoencoder_example", "conv1d_example", "siamese_contrastive",
        "basic_tf_dataset_example", "image_tf_dataset", "audio_tf_dataset");
    assertThat(FINDER.list()).extracting(ModelEntry::name).contains("keyword_spotting_with_transfer_learning",
        "fingerprint_signature_generator");
    assertThat(ReferenceSpecs.all()).hasSize(32);
  }
}
