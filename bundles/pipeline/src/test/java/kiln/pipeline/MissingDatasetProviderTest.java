package kiln.pipeline;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import kiln.api.Progress;
import kiln.api.data.DatasetProvider;
import kiln.models.ReferenceSpecs;
import kiln.spec.KilnModel;
import kiln.spec.SearchPathModelFinder;
import org.junit.jupiter.api.Test;

/** A reference spec whose dataset has no provider yet (rock_paper_scissors) says which one is missing. */
class MissingDatasetProviderTest {
  @Test
  void trainingRockPaperScissorsNamesTheMissingProvider() {
    KilnModel m = SearchPathModelFinder.standard(ReferenceSpecs::all).load("rock_paper_scissors");
    Map<String, DatasetProvider> installed = Map.of();
    assertThatThrownBy(() -> Datasets.load(m, installed, Progress.NONE))
        .hasMessageContaining("'rock_paper_scissors' of rock_paper_scissors names no installed dataset provider");
  }
}
