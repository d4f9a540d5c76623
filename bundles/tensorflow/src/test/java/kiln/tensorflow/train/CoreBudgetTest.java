package kiln.tensorflow.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The core budget's rule, on rates whose best split is worked out by hand in each comment. */
class CoreBudgetTest {
  @Test
  void startsWithTheGeneratorsOwnThreadsUpToAllButOneCore() {
    assertThat(CoreBudget.initial(2, 1)).isEqualTo(new CoreBudget(1, 1));
    assertThat(CoreBudget.initial(2, 2)).isEqualTo(new CoreBudget(1, 1));
    assertThat(CoreBudget.initial(8, 2)).isEqualTo(new CoreBudget(2, 6));
    assertThat(CoreBudget.initial(1, 4)).isEqualTo(new CoreBudget(1, 1));
  }

  @Test
  void trainerBoundGivesTensorFlowTheSecondThread() {
    // 2 cores, g = 5000, s = 4200: shared bound 2 / (1/5000 + 1/4200) = 4565.2;
    // 1+1: min(5000, 4200) = 4200; 1+2: min(5000, 8400, 4565.2) = 4565.2; 2+1: 4200; 2+2 ties 1+2
    CoreBudget b = CoreBudget.choose(2, 5000, 4200);
    assertThat(b).isEqualTo(new CoreBudget(1, 2));
    assertThat(b.expected(2, 5000, 4200)).isCloseTo(4565.2, within(0.1));
  }

  @Test
  void dataBoundGivesTheGeneratorTheTrainersIdleShare() {
    // 2 cores, g = 700, s = 2000: shared 2 / (1/700 + 1/2000) = 1037.0; 1+1: 700; 1+2: 700;
    // 2+1: min(1400, 2000, 1037.0) = 1037.0
    CoreBudget b = CoreBudget.choose(2, 700, 2000);
    assertThat(b).isEqualTo(new CoreBudget(2, 1));
    assertThat(b.expected(2, 700, 2000)).isCloseTo(1037.0, within(0.1));
  }

  @Test
  void moreCores() {
    // 4 cores, g = 1000, s = 3000: shared 4 / (1/1000 + 1/3000) = 3000; 3+1 = min(3000, 3000, 3000)
    // is the first split reaching it (2+2: 2000; 1+3: 1000)
    assertThat(CoreBudget.choose(4, 1000, 3000)).isEqualTo(new CoreBudget(3, 1));
    // cached features (the generator almost free): TensorFlow takes both cores, one worker stays
    assertThat(CoreBudget.choose(2, 1e6, 4000)).isEqualTo(new CoreBudget(1, 2));
    assertThat(CoreBudget.choose(1, 700, 2000)).isEqualTo(new CoreBudget(1, 1));
  }

  @Test
  void logLineNamesTheSplitAndTheRates() {
    assertThat(new CoreBudget(2, 1).describe(2, 700, 2000)).isEqualTo("Core budget: 2 cores -> 2 data generator"
        + " workers (measured 700 samples per CPU-second each), 1 TensorFlow intra-op thread (measured 2,000"
        + " samples/s each); expected 1,037 samples/s");
  }
}
