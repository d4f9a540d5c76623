package kiln.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kiln.quantize.TestModels;
import kiln.api.KilnException;
import kiln.api.Progress;
import kiln.api.model.LayerGraph;
import kiln.api.model.Weights;
import kiln.archive.ArchiveContents;
import kiln.archive.ArchiveReader;
import kiln.evaluate.internal.ClassifierEvaluator;

import kiln.spec.KilnModel;
import kiln.spec.SearchPath;
import kiln.spec.SearchPathModelFinder;
import kiln.tflite.TfliteModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kiln:quantize and kiln:evaluate on an archive holding a spec and trained (here: random) weights. */
class ArchiveTasksTest {
  @TempDir Path dir;

  ArchiveTasks tasks(List<float[]> samples, int[] labels) {
    return tasks(samples, labels, ArchiveTasks.Choices.DEFAULTS);
  }

  ArchiveTasks tasks(List<float[]> samples, int[] labels, ArchiveTasks.Choices choices) {
    SearchPathModelFinder finder = new SearchPathModelFinder(
        () -> new SearchPath(List.of(new SearchPath.Root(dir, false, "test"))), kiln.models.ReferenceSpecs::all);
    // calibration ("training") samples are other samples than the evaluation ones, as in real runs
    List<float[]> training = TestModels.int8Samples(samples.size(), samples.get(0).length, 1234);
    ArchiveTasks.DataSource data = (model, isTraining, max, seed, p) -> {
      List<float[]> from = isTraining ? training : samples;
      int n = max < 0 ? from.size() : Math.min(max, from.size());
      return new ModelData.Samples(from.subList(0, n), java.util.Arrays.copyOf(labels, n));
    };
    return new ArchiveTasks(finder, data, Pipelines.catalog(false), choices, dir);
  }

  Path archive() {
    KilnModel spec = TestModels.spec("tflite_micro_speech", dir);
    LayerGraph g = spec.buildGraph();
    Weights w = TestModels.randomWeights(g, 5);
    Path zip = dir.resolve("tflite_micro_speech.kiln.zip");
    // no spec source in the archive: the spec on the search path (here: bundled) is used
    new ArchiveContents("tflite_micro_speech").weights(w).writeTo(zip);
    return zip;
  }

  @Test
  void quantizeThenEvaluateBothModels() throws Exception {
    Path zip = archive();
    List<float[]> samples = TestModels.int8Samples(24, 49 * 40, 9);
    int[] labels = new int[24];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i % 4;
    }
    ArchiveTasks t = tasks(samples, labels);
    String q = t.quantize("tflite_micro_speech", "out.tflite", Progress.NONE);
    assertThat(q).contains("updated " + zip, "tflite_micro_speech.tflite", "calibrated on 24 samples",
        "wrote " + dir.resolve("out.tflite"));
    ArchiveReader r = ArchiveReader.open(zip);
    assertThat(Files.readAllBytes(dir.resolve("out.tflite"))).isEqualTo(r.tflite());
    assertThat(TfliteModel.read(r.tflite(), "t").parameters().get("runtime_memory_size")).isNotNull();
    assertThat(r.entries()).containsKeys("eval/tflite/fidelity.txt", "tflite_micro_speech.float32.tflite");

    String f = t.evaluate("tflite_micro_speech", false, 16, false, Progress.NONE);
    assertThat(f).contains("evaluated the float model through its float32 .tflite (no trainer installed)",
        "on 16 validation samples",
        "Overall accuracy", "under eval/float/");
    String tl = t.evaluate(zip.toString(), true, 16, true, Progress.NONE);
    assertThat(tl).contains(".tflite through the kiln-micro interpreter", "eval/tflite/summary.txt",
        "eval/tflite/tflite_micro_speech-roc.png");
    r = ArchiveReader.open(zip);
    assertThat(r.entries()).containsKeys("eval/float/eval-results.json", "eval/tflite/eval-results.json",
        "eval/tflite/fidelity.txt");
  }

  @Test
  void missingArchiveAndMissingTfliteAreNamed() {
    ArchiveTasks t = tasks(TestModels.int8Samples(2, 49 * 40, 1), new int[] {0, 1});
    assertThatThrownBy(() -> t.quantize("tflite_micro_speech", "", Progress.NONE))
        .isInstanceOf(KilnException.class)
        .hasMessageContaining("model archive tflite_micro_speech.kiln.zip not found")
        .hasMessageContaining("kiln:train tflite_micro_speech");
    archive();
    assertThatThrownBy(() -> t.evaluate("tflite_micro_speech", true, -1, false, Progress.NONE))
        .isInstanceOf(KilnException.class)
        .hasMessageContaining("holds no tflite_micro_speech.tflite; run kiln:quantize tflite_micro_speech first");
  }

  /** A spec that is in no search path: it exists only as source inside the archive. */
  static final String STRANGER = """
      import static kiln.nn.Args.kw;

      import java.util.List;
      import kiln.api.data.FrontendSettings;
      import kiln.nn.*;
      import kiln.spec.*;

      // @kiln_model
      public class stranger extends KilnModel implements TrainMixin, AudioDatasetMixin, EvaluateClassifierMixin {
        public stranger() {
          classes = List.of("a", "b");
          datagen = new ParallelAudioDataGenerator(kw("frontend_settings", FrontendSettings.builder()
              .sampleRateHz(16000).sampleLengthMs(1000).windowSizeMs(30).windowStepMs(20)
              .filterbankNChannels(10).build(), "validation_split", 0.25));
        }

        @Override
        public Network buildModel() {
          Sequential m = new Sequential(name());
          m.add(new InputLayer(inputShape()));
          m.add(new Flatten());
          m.add(new Dense(kw("units", 2, "activation", "softmax")));
          return m;
        }
      }
      """;

  @Test
  void anArchivesOwnSpecRunsOnlyWithTrustSpec() throws Exception {
    Path zip = dir.resolve("stranger.kiln.zip");
    Path src = java.nio.file.Files.createTempDirectory(dir.getParent(), "src").resolve("stranger.java");
    java.nio.file.Files.writeString(src, STRANGER);
    KilnModel spec = new kiln.spec.SearchPathModelFinder(() -> new kiln.spec.SearchPath(List.of()),
        kiln.models.ReferenceSpecs::all).load(src.toString());
    LayerGraph g = spec.buildGraph();
    new ArchiveContents("stranger").spec(STRANGER).weights(TestModels.randomWeights(g, 3)).writeTo(zip);
    List<float[]> samples = TestModels.int8Samples(8, 49 * 10, 4);
    int[] labels = {0, 1, 0, 1, 0, 1, 0, 1};

    assertThatThrownBy(() -> tasks(samples, labels).quantize(zip.toString(), "", Progress.NONE))
        .isInstanceOf(KilnException.class)
        .hasMessageContaining(zip + " holds the spec of stranger as Java source")
        .hasMessageContaining("pass --trust-spec");
    ArchiveTasks.Choices trust = new ArchiveTasks.Choices(null, null, null, null, null, true);
    assertThat(tasks(samples, labels, trust).quantize(zip.toString(), "", Progress.NONE))
        .contains("updated " + zip, "stranger.tflite");
  }

  @Test
  void aModelNameThatWouldLeaveTheTemporaryFolderIsRefused() throws Exception {
    Path zip = archive();
    kiln.archive.ZipArchives.update(zip, java.util.Map.of("kiln-archive.json",
        "{\"format_version\": 1, \"model\": \"../../../../tmp/x\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    ArchiveTasks.Choices trust = new ArchiveTasks.Choices(null, null, null, null, null, true);
    assertThatThrownBy(() -> tasks(TestModels.int8Samples(2, 49 * 40, 1), new int[] {0, 1}, trust)
            .quantize(zip.toString(), "", Progress.NONE))
        .isInstanceOf(KilnException.class)
        .hasMessageContaining("its model name '../../../../tmp/x' is not a model name");
  }

  @Test
  void anMltkArchivesTfliteIsEvaluatedWithoutKilnWeights() throws Exception {
    Path fixture = kiln.micro.Fixtures.dir().resolve("mltk/tflite_micro_speech.mltk.zip");
    org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isRegularFile(fixture),
        "fixtures not found at " + fixture.toAbsolutePath());
    Path zip = java.nio.file.Files.copy(fixture, dir.resolve("tflite_micro_speech.mltk.zip"));
    // TFLite Micro's yes and no features; MLTK's model takes them as they are (input scale 1, zero point 0)
    List<float[]> samples = new java.util.ArrayList<>();
    for (String f : List.of("tflm/yes_micro_features_int8.bin", "tflm/no_micro_features_int8.bin")) {
      byte[] b = kiln.micro.Fixtures.read(f);
      float[] v = new float[b.length];
      for (int i = 0; i < v.length; i++) {
        v[i] = b[i];
      }
      samples.add(v);
    }
    String out = tasks(samples, new int[] {0, 1}).evaluate(zip.toString(), true, -1, false, Progress.NONE);
    assertThat(out).contains(".tflite through the kiln-micro interpreter", "on 2 validation samples",
        "Overall accuracy: 100.000%");
    // its float model needs the .h5 route: the error says so instead of a missing-entry surprise
    assertThatThrownBy(() -> tasks(samples, new int[] {0, 1}).quantize(zip.toString(), "", Progress.NONE))
        .isInstanceOf(KilnException.class)
        .hasMessageContaining("holds no trained weights in Kiln's format");
  }
}
