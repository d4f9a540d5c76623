package kiln.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import kiln.api.model.LayerGraph;
import kiln.models.internal.AudioExample1Spec;
import kiln.models.internal.KeywordSpottingYesNoSpec;
import kiln.models.internal.ImageExample1Spec;
import kiln.models.internal.RockPaperScissorsSpec;
import kiln.models.internal.TfliteMicroSpeechSpec;
import kiln.nn.GraphWeights;
import kiln.nn.ModelSummary;
import kiln.api.model.WeightSpec;
import kiln.spec.KilnModel;
import kiln.spec.ModelEntry;
import kiln.spec.SearchPath;
import kiln.spec.SearchPathModelFinder;
import kiln.spec.SpecProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceSpecsTest {
  @TempDir Path empty;

  SearchPathModelFinder finder() {
    List<SpecProvider> specs = List.of(new TfliteMicroSpeechSpec(), new KeywordSpottingYesNoSpec(), new AudioExample1Spec(),
        new RockPaperScissorsSpec(), new ImageExample1Spec());
    return new SearchPathModelFinder(
        () -> new SearchPath(List.of(new SearchPath.Root(empty, false, "current directory"))), () -> specs);
  }

  @Test
  void listsTheBundledSpecs() {
    assertThat(finder().list()).extracting(ModelEntry::name)
        .containsExactly("audio_example1", "image_example1", "keyword_spotting_yes_no", "rock_paper_scissors",
            "tflite_micro_speech");
    assertThat(finder().list()).allSatisfy(e -> assertThat(e.source()).startsWith("bundle "));
  }

  @Test
  void tfliteMicroSpeechMatchesSeed004() {
    KilnModel m = finder().load("tflite_micro_speech");
    assertThat(m.dataset).isEqualTo("speech_commands_v2");
    assertThat(m.classes).containsExactly("yes", "no", "_unknown_", "_silence_");
    assertThat(m.inputShape()).containsExactly(49, 40, 1);
    assertThat(m.frontendSettings().pcanEnable()).isTrue();
    assertThat(m.frontendSettings().noiseReductionEnable()).isTrue();
    assertThat(m.audioDatagen().unknownClassPercentage).isEqualTo(3.0);
    assertThat(m.audioDatagen().bgNoiseRange).containsExactly(0.0, 0.3);
    assertThat(m.validationSplit()).isEqualTo(0.15);
    assertThat(m.modelParameters).containsEntry("detection_threshold", 185).containsEntry("suppression_ms", 750);
    assertThat(m.specSource()).contains("class tflite_micro_speech extends KilnModel");
    LayerGraph g = m.buildGraph();
    ModelSummary s = ModelSummary.of(g);
    assertThat(s.rows()).extracting(ModelSummary.Row::name, ModelSummary.Row::params).containsExactly(
        org.assertj.core.groups.Tuple.tuple("input_1", 0L),
        org.assertj.core.groups.Tuple.tuple("conv2d", 648L),
        org.assertj.core.groups.Tuple.tuple("batch_normalization", 32L),
        org.assertj.core.groups.Tuple.tuple("activation", 0L),
        org.assertj.core.groups.Tuple.tuple("dropout", 0L),
        org.assertj.core.groups.Tuple.tuple("flatten", 0L),
        org.assertj.core.groups.Tuple.tuple("dense", 16004L));
    assertThat(s.totalMacs()).isEqualTo(336_000L);
    assertThat(s.format()).contains("Total MACs: 336,000").contains("16,004").contains("648");
    assertThat(GraphWeights.of(g)).extracting(WeightSpec::name).startsWith("conv2d/kernel", "conv2d/bias",
        "batch_normalization/gamma", "batch_normalization/beta", "batch_normalization/moving_mean");
  }

  @Test
  void keywordSpottingYesNoUsesTheEmbeddedDataset() {
    KilnModel m = finder().load("keyword_spotting_yes_no-test");
    assertThat(m.testMode()).isTrue();
    assertThat(m.dataset).isEqualTo("yes_no");
    assertThat(m.classes).containsExactly("yes", "no", "_unknown_", "_silence_");
    assertThat(m.epochs).isEqualTo(200);
    // the seed's random offset and background noise stay on: they make the model hear real speech
    assertThat(m.audioDatagen().settings()).containsEntry("bg_noise_range", List.of(0.0, 0.3))
        .doesNotContainEntry("disable_random_transforms", true);
    assertThat(m.trainSettings().get("early_stopping").toString()).contains("restore_best_weights=true");
    assertThat(ModelSummary.of(m.buildGraph()).totalMacs()).isEqualTo(336_000L);
  }

  @Test
  void audioExample1MatchesMltksProfile() {
    KilnModel m = finder().load("audio_example1");
    assertThat(m.inputShape()).containsExactly(59, 49, 1);
    ModelSummary s = ModelSummary.of(m.buildGraph());
    // MLTK: Total MACs 671.184 k
    assertThat(s.totalMacs()).isEqualTo(671_184L);
    // MLTK's per-batch TensorBoard updates are not supported: the spec leaves update_freq out
    assertThat(m.tensorboard).containsEntry("histogram_freq", 0).doesNotContainKey("update_freq");
  }

  @Test
  void imageExample1HasMltksLayout() {
    KilnModel m = finder().load("image_example1");
    assertThat(m.dataset).isEqualTo("rock_paper_scissors:v1");
    assertThat(m.classes).containsExactly("rock", "paper", "scissor");
    assertThat(m.inputShape()).containsExactly(96, 96, 1);
    ModelSummary s = ModelSummary.of(m.buildGraph());
    // MLTK's image_example1 summary: Total MACs 1.197 M (497.7k + 418.2k + 279.9k + 1.1k per layer)
    assertThat(s.totalMacs()).isEqualTo(1_196_928L);
    assertThat(m.imageDatagen().settings()).containsEntry("samplewise_center", true)
        .containsEntry("samplewise_std_normalization", true).containsEntry("rotation_range", 35.0);
  }

  @Test
  void rockPaperScissorsHasMltksLayout() {
    KilnModel m = finder().load("rock_paper_scissors");
    assertThat(m.dataset).isEqualTo("rock_paper_scissors:v2");
    assertThat(m.classes).containsExactly("rock", "paper", "scissor", "_unknown_");
    assertThat(m.inputShape()).containsExactly(84, 84, 1);
    ModelSummary s = ModelSummary.of(m.buildGraph());
    // MLTK's rock_paper_scissors summary: Total MACs 5.870 M (968.2k + 3.5M + 1.3M + 65.5k + 128)
    assertThat(s.totalMacs()).isEqualTo(5_870_016L);
    assertThat(m.modelParameters).containsEntry("detection_threshold", 175)
        .containsEntry("average_window_duration_ms", 500).containsEntry("minimum_count", 2)
        .containsEntry("suppression_count", 1);
    assertThat(m.imageDatagen().settings()).containsEntry("validation_split", 0.15)
        .containsEntry("rotation_range", 15.0);
  }
}
