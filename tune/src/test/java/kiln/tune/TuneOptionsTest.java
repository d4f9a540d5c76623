package kiln.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** kiln tune's options: budgets with units, the Spark master, and bad values named. */
class TuneOptionsTest {
  @Test
  void budgetsTakeUnits() {
    TuneOptions o = TuneOptions.parse("--kiln-jar", "k.jar", "m", "--max-ram", "16k", "--max-flash", "1.5M",
        "--max-latency", "20ms");
    assertThat(o.maxRamBytes()).isEqualTo(16_000);
    assertThat(o.maxFlashBytes()).isEqualTo(1_500_000);
    assertThat(o.maxLatencySeconds()).isEqualTo(0.020);
    assertThat(TuneOptions.parse("--kiln-jar", "k.jar", "m", "--max-ram", "16KiB").maxRamBytes()).isEqualTo(16_384);
    assertThat(TuneOptions.parse("--kiln-jar", "k.jar", "m", "--max-latency", "500us").maxLatencySeconds())
        .isEqualTo(500e-6);
  }

  @Test
  void theLocalEngineRetriesTasksAndAClusterUrlIsTheMaster() {
    TuneOptions local = TuneOptions.parse("--kiln-jar", "k.jar", "m", "--parallel", "3");
    assertThat(local.master()).isEqualTo("local[3,4]");
    assertThat(local.localEngine()).isTrue();
    TuneOptions cluster = TuneOptions.parse("--kiln-jar", "k.jar", "m", "--engine", "spark://head:7077");
    assertThat(cluster.master()).isEqualTo("spark://head:7077");
    assertThat(cluster.localEngine()).isFalse();
    assertThat(local.output().getFileName().toString()).isEqualTo("tune-m");
  }

  @Test
  void badValuesAreNamed() {
    assertThatThrownBy(() -> TuneOptions.parse("--kiln-jar", "k.jar", "m", "--max-ram", "lots"))
        .hasMessageStartingWith("--max-ram lots: expected a size such as 16k");
    assertThatThrownBy(() -> TuneOptions.parse("--kiln-jar", "k.jar", "m", "--strategy", "bayes"))
        .hasMessage("--strategy bayes: expected random, grid or hyperband");
    assertThatThrownBy(() -> TuneOptions.parse("--kiln-jar", "k.jar", "m", "--trials", "0"))
        .hasMessage("--trials 0: expected a positive integer");
    assertThatThrownBy(() -> TuneOptions.parse("--kiln-jar", "k.jar")).hasMessageStartingWith("expected a model name");
    assertThatThrownBy(() -> TuneOptions.parse("m")).hasMessageStartingWith("--kiln-jar");
  }

  @Test
  void hyperbandRoundsDoubleTheirEpochsUpToTheLast() {
    TuneOptions o = TuneOptions.parse("--kiln-jar", "k.jar", "m", "--strategy", "hyperband", "--epochs-per-trial", "8");
    // 8 trials: log2(8) + 1 = 4 rounds of 1, 2, 4, 8 epochs (8 -> 4 -> 2 -> 1 trials)
    assertThat(new Search(o, System.out).rounds(8)).containsExactly(1, 2, 4, 8);
    assertThat(new Search(o, System.out).rounds(4)).containsExactly(2, 4, 8);
    assertThat(new Search(o, System.out).rounds(1)).containsExactly(8);
    TuneOptions random = TuneOptions.parse("--kiln-jar", "k.jar", "m", "--epochs-per-trial", "8");
    assertThat(new Search(random, System.out).rounds(8)).containsExactly(8);
  }
}
