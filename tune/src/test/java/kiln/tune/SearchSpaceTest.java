package kiln.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The trials drawn from kiln:tune_space's JSON. */
class SearchSpaceTest {
  static final String SPACE = """
      {"model": "m", "parameters": [
        {"name": "filters", "type": "choice", "values": [8, 16]},
        {"name": "bias", "type": "bool", "values": [false, true]},
        {"name": "units", "type": "int", "lo": 2, "hi": 6, "step": 2}
      ]}""";

  @Test
  void theGridChangesTheLastParameterFastestAndStartsAtTheDefaults() {
    SearchSpace s = SearchSpace.parse(SPACE);
    assertThat(s.gridSize()).isEqualTo(2 * 2 * 3);
    List<Map<String, Object>> g = s.grid(100);
    assertThat(g).hasSize(12);
    assertThat(g.get(0)).containsExactly(Map.entry("filters", 8), Map.entry("bias", false), Map.entry("units", 2));
    assertThat(g.get(1)).containsExactly(Map.entry("filters", 8), Map.entry("bias", false), Map.entry("units", 4));
    assertThat(g.get(3)).containsExactly(Map.entry("filters", 8), Map.entry("bias", true), Map.entry("units", 2));
    assertThat(g.get(11)).containsExactly(Map.entry("filters", 16), Map.entry("bias", true), Map.entry("units", 6));
    assertThat(s.grid(5)).hasSize(5);
  }

  @Test
  void randomPointsAreDistinctSeededAndStopAtTheSpaceSize() {
    SearchSpace s = SearchSpace.parse(SPACE);
    List<Map<String, Object>> r = s.random(6, 7);
    assertThat(r).hasSize(6);
    assertThat(r.get(0)).isEqualTo(s.grid(1).get(0));
    assertThat(new HashSet<>(r)).hasSize(6);
    assertThat(s.random(6, 7)).isEqualTo(r);
    assertThat(s.random(50, 7)).hasSize(12);
  }

  @Test
  void floatRangesGiveLowMiddleHighToTheGridAndStayInRangeWhenDrawn() {
    SearchSpace s = SearchSpace.parse("""
        {"parameters": [{"name": "lr", "type": "float", "lo": 0.0001, "hi": 0.01, "log": true}]}""");
    // the geometric middle of 1e-4 and 1e-2 is 1e-3
    assertThat(s.grid(10)).extracting(m -> m.get("lr")).containsExactly(1.0E-4, 0.001, 0.01);
    for (Map<String, Object> p : s.random(20, 1)) {
      assertThat((Double) p.get("lr")).isBetween(1e-4, 1e-2);
    }
  }

  @Test
  void aSpecWithoutHyperParametersIsOnePoint() {
    SearchSpace s = SearchSpace.parse("{\"model\": \"m\", \"parameters\": []}");
    assertThat(s.grid(10)).containsExactly(Map.of());
    assertThat(s.random(10, 1)).containsExactly(Map.of());
  }

  @Test
  void anUnknownTypeIsNamed() {
    assertThatThrownBy(() -> SearchSpace.parse("{\"parameters\": [{\"name\": \"x\", \"type\": \"set\"}]}"))
        .hasMessageContaining("hyper-parameter x has an unknown type 'set'");
  }
}
