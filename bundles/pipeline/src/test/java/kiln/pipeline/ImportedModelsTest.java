package kiln.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kiln.api.Progress;
import kiln.quantize.TestModels;
import kiln.spec.SearchPath;
import kiln.spec.SearchPathModelFinder;
import kiln.tflite.TfliteModel;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kiln:quantize NAME.mltk.zip: MLTK's float model re-quantized by Kiln, the data settings from Kiln's spec. */
class ImportedModelsTest {
  @TempDir Path dir;
  final List<String> datasets = new ArrayList<>();

  ImportedModels imported() {
    SearchPathModelFinder finder = new SearchPathModelFinder(
        () -> new SearchPath(List.of(new SearchPath.Root(dir, false, "test"))), kiln.models.ReferenceSpecs::all);
    ArchiveTasks.DataSource data = (model, training, max, seed, p) -> {
      datasets.add(model.dataset);
      List<float[]> x = TestModels.int8Samples(8, 49 * 40, seed);
      return new ModelData.Samples(x, new int[x.size()]);
    };
    return new ImportedModels(finder, data, Pipelines.catalog(false), ArchiveTasks.Choices.DEFAULTS, dir);
  }

  static Path archive() {
    Path p = TestModels.fixtures().resolve("mltk/tflite_micro_speech.mltk.zip");
    Assumptions.assumeTrue(Files.isRegularFile(p), "fixture not found: " + p.toAbsolutePath());
    return p.toAbsolutePath();
  }

  @Test
  void quantizesMltksFloatModelWithKilnsQuantizer() {
    Path a = archive();
    String out = imported().quantize(a.toString(), "speech_commands_v2", null, null, Progress.NONE);
    Path tflite = dir.resolve("tflite_micro_speech.kiln.tflite");
    assertThat(out).startsWith("wrote " + tflite + " (")
        .contains("calibrated on 8 samples")
        .contains("int8 weights equal to tflite_micro_speech.tflite's: 16,640 of 16,640");
    assertThat(datasets).containsExactly("speech_commands_v2");
    TfliteModel m = TfliteModel.read(tflite);
    assertThat(m.parameters().get("name")).isEqualTo("tflite_micro_speech");
    assertThat(m.mainSubgraph().operators()).hasSize(4);
    assertThat(ImportedModels.accepts("x.h5")).isTrue();
    assertThat(ImportedModels.accepts("x.mltk.zip")).isTrue();
    assertThat(ImportedModels.accepts("x.kiln.zip")).isFalse();
  }

  @Test
  void theDataSettingsComeFromAKilnSpec() {
    Path a = archive();
    assertThatThrownBy(() -> imported().quantize(a.toString(), null, "no_such_spec", "x.tflite", Progress.NONE))
        .hasMessageStartingWith(a + ": the data settings (frontend, classes, data generator) come from a Kiln spec,"
            + " and none named no_such_spec could be loaded");
  }

  @Test
  void aSpecWithAnotherInputShapeIsRefused() {
    Path a = archive();
    assertThatThrownBy(() -> imported().quantize(a.toString(), null, "audio_example1", "x.tflite", Progress.NONE))
        .hasMessageStartingWith(a + ": the model's input is [49, 40, 1] but the spec audio_example1 makes samples of");
  }
}
