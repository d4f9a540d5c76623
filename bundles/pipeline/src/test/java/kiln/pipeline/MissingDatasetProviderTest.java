package kiln.pipeline;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
