package kiln.pipeline;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import kiln.api.Progress;
import kiln.api.data.DatasetProvider;
import kiln.models.ReferenceSpecs;
import kiln.spec.KilnModel;
import kiln.spec.SearchPathModelFinder;
import org.junit.jupiter.api.Test;

/** A spec whose dataset provider is not installed (here: none is) says which one is missing. */
class MissingDatasetProviderTest {
  @Test
  void trainingWithoutTheProviderNamesIt() {
    KilnModel m = SearchPathModelFinder.standard(ReferenceSpecs::all).load("rock_paper_scissors");
    Map<String, DatasetProvider> installed = Map.of();
    assertThatThrownBy(() -> Datasets.load(m, installed, Progress.NONE))
        .hasMessageContaining("'rock_paper_scissors:v2' of rock_paper_scissors names no installed dataset provider");
  }

  /**
   * The reference specs whose data MLTK downloads itself keep MLTK's dataset name: with Kiln's own
   * providers installed, training names the one that is missing.
   */
  @Test
  void zooSpecsNameMltksDataset() {
    DatasetProvider unused = (DatasetProvider) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {DatasetProvider.class}, (proxy, method, args) -> {
          throw new AssertionError("no dataset may be loaded here: " + method);
        });
    Map<String, DatasetProvider> kilns = Map.of("cifar10", unused, "directory", unused, "fashion_mnist", unused,
        "mnist", unused, "rock_paper_scissors", unused, "speech_commands_v2", unused, "yes_no", unused);
    SearchPathModelFinder finder = SearchPathModelFinder.standard(ReferenceSpecs::all);
    for (List<String> c : List.of(List.of("anomaly_detection", "toyadmos:preprocessed/v1"),
        List.of("keyword_spotting", "speech_commands:preprocessed/v1"),
        List.of("visual_wake_words", "mscoco14:preprocessed/v1"), List.of("tflite_micro_magic_wand", "tflm_magic_wand"),
        List.of("keyword_spotting_alexa", "sl_synthetic_alexa"), List.of("keyword_spotting_on_off_v3", "on_off"),
        List.of("autoencoder_example", "ecg5000"),
        List.of("fingerprint_signature_generator", "your-fingerprint-dataset-directory-or-download-url"))) {
      KilnModel m = finder.load(c.get(0));
      assertThatThrownBy(() -> Datasets.load(m, kilns, Progress.NONE)).as(c.get(0))
          .hasMessage("dataset: '" + c.get(1) + "' of " + c.get(0) + " names no installed dataset provider;"
              + " installed: [cifar10, directory, fashion_mnist, mnist, rock_paper_scissors, speech_commands_v2, yes_no]");
    }
  }
}
