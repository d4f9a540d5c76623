package kiln.tune;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The best trial and the Pareto front of hand-made results. */
class ResultsTest {
  static TrialResult done(String id, double acc, long ram, double latencyMs, boolean fits) {
    return new TrialResult(id, new LinkedHashMap<>(Map.of("filters", 8)), "done", 3, acc, acc, ram, 10_000L,
        latencyMs / 1e3, fits, fits ? null : "RAM over", "a.kiln.zip");
  }

  @Test
  void theBestIsTheMostAccurateWithinBudgetTiesGoingToTheFaster() {
    Results r = new Results(List.of(
        done("t000", 0.80, 2000, 1.0, true),
        done("t001", 0.90, 9000, 1.0, false), // most accurate, but over budget
        done("t002", 0.85, 3000, 2.0, true),
        done("t003", 0.85, 3000, 1.5, true),
        new TrialResult("t004", new LinkedHashMap<>(), "rejected", null, null, null, 20_000L, null, null, false,
            "rejected before training: RAM", null)), "int8_accuracy");
    assertThat(r.best().id()).isEqualTo("t003");
  }

  @Test
  void theParetoFrontKeepsTrialsNoOtherBeatsOnAccuracyLatencyAndRam() {
    Results r = new Results(List.of(
        done("a", 0.80, 2000, 1.0, true), // smallest and fastest
        done("b", 0.90, 9000, 3.0, true), // most accurate
        done("c", 0.79, 2500, 1.2, true), // worse than a on all three
        done("d", 0.85, 1900, 2.0, true), // less RAM than a, more accurate: on the front
        done("e", 0.85, 1900, 2.5, true)), "val_accuracy"); // d is as accurate, as small and faster
    assertThat(r.paretoFront()).extracting(TrialResult::id).containsExactly("a", "b", "d");
  }

  @Test
  void theTableHasAColumnPerHyperParameter() {
    Results r = new Results(List.of(done("t000", 0.8125, 2048, 0.5, true)), "int8_accuracy");
    assertThat(r.header()).containsExactly("trial", "status", "filters", "epochs", "val_accuracy", "int8_accuracy",
        "ram_bytes", "flash_bytes", "latency_ms", "meets_budgets", "note");
    assertThat(r.rows().get(0)).containsExactly("t000", "done", "8", "3", "0.8125", "0.8125", "2048", "10000",
        "0.500", "yes", "");
    assertThat(r.csv()).isEqualTo("trial,status,filters,epochs,val_accuracy,int8_accuracy,ram_bytes,flash_bytes,"
        + "latency_ms,meets_budgets,note\nt000,done,8,3,0.8125,0.8125,2048,10000,0.500,yes,\n");
  }
}
