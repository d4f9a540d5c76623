package kiln.evaluate.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.api.KilnException;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void writesPythonStyleSeparatorsAndReadsBack() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "a \"b\"\n");
    m.put("n", 3);
    m.put("x", new double[] {0.5, 1.0, Double.NaN});
    m.put("f", new float[] {0.1f});
    m.put("ok", true);
    m.put("none", null);
    m.put("nested", List.of(Map.of("k", List.of(1, 2))));
    String s = Json.write(m);
    assertThat(s)
        .isEqualTo(
            "{\"name\": \"a \\\"b\\\"\\n\", \"n\": 3, \"x\": [0.5, 1.0, null], "
                + "\"f\": [0.10000000149011612], \"ok\": true, \"none\": null, "
                + "\"nested\": [{\"k\": [1, 2]}]}");
    Map<String, Object> back = Json.parseObject(s, "t.json");
    assertThat(back.get("name")).isEqualTo("a \"b\"\n");
    assertThat(back.get("n")).isEqualTo(3L);
    assertThat(back.get("x")).isEqualTo(java.util.Arrays.asList(0.5, 1.0, null));
    assertThat(back.get("nested")).isEqualTo(List.of(Map.of("k", List.of(1L, 2L))));
  }

  @Test
  void prettyKeepsNumberListsOnOneLine() {
    assertThat(Json.writePretty(Map.of("loss", List.of(0.5, 0.25))))
        .isEqualTo("{\n  \"loss\": [0.5, 0.25]\n}\n");
  }

  @Test
  void readsPythonsNanAndInfinity() {
    assertThat(Json.parse("[NaN, Infinity, -Infinity, -1.5e-3]", "t"))
        .isEqualTo(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0015));
  }

  @Test
  void errorsNameTheTextAndOffset() {
    assertThatThrownBy(() -> Json.parse("{\"a\": [1, 2}", "history.json"))
        .isInstanceOf(KilnException.class)
        .hasMessage("history.json: invalid JSON at offset 11: expected ',' or ']', found '}'");
    assertThatThrownBy(() -> Json.parseObject("[1]", "provenance.json"))
        .hasMessage("provenance.json: expected a JSON object, found an array");
  }
}
