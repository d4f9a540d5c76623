package kiln.util.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
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
    assertThat(back.get("x")).isEqualTo(Arrays.asList(0.5, 1.0, null));
    assertThat(back.get("nested")).isEqualTo(List.of(Map.of("k", List.of(1L, 2L))));
  }

  @Test
  void prettyKeepsNumberListsOnOneLine() {
    assertThat(Json.writePretty(Map.of("loss", List.of(0.5, 0.25))))
        .isEqualTo("{\n  \"loss\": [0.5, 0.25]\n}\n");
  }

  @Test
  void prettyIndentsOtherListsAndNestedObjects() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("layers", List.of(Map.of("rmse", 0.5f), Map.of()));
    m.put("rows", List.of(new int[] {1, 2}, List.of(3L, Float.NaN)));
    m.put("names", new String[] {"a", "b"});
    m.put("empty", List.of());
    m.put("none", Map.of());
    assertThat(Json.writePretty(m))
        .isEqualTo(
            "{\n"
                + "  \"layers\": [\n"
                + "    {\n"
                + "      \"rmse\": 0.5\n"
                + "    },\n"
                + "    {}\n"
                + "  ],\n"
                + "  \"rows\": [\n"
                + "    [1, 2],\n"
                + "    [3, null]\n"
                + "  ],\n"
                + "  \"names\": [\n"
                + "    \"a\",\n"
                + "    \"b\"\n"
                + "  ],\n"
                + "  \"empty\": [],\n"
                + "  \"none\": {}\n"
                + "}\n");
  }

  @Test
  void otherValuesAreWrittenAsTheirText() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("at", Instant.parse("2026-12-04T10:00:00Z"));
    m.put("file", Path.of("/tmp/a b"));
    m.put("c", 'x');
    assertThat(Json.write(m))
        .isEqualTo("{\"at\": \"2026-12-04T10:00:00Z\", \"file\": \"/tmp/a b\", \"c\": \"x\"}");
  }

  @Test
  void readsPythonsNanAndInfinity() {
    assertThat(Json.parse("[NaN, Infinity, -Infinity, -1.5e-3]", "t"))
        .isEqualTo(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0015));
  }

  @Test
  void errorsNameTheTextAndPlace() {
    assertThatThrownBy(() -> Json.parse("{\"a\": [1, 2}", "history.json"))
        .isInstanceOf(KilnException.class)
        .hasMessage("history.json: invalid JSON at line 1, column 12: Unexpected close marker '}': "
            + "expected ']' (for Array starting at line: 1, column: 7)");
    assertThatThrownBy(() -> Json.parse("{\"a\": 1} x", "t.json"))
        .hasMessageStartingWith("t.json: invalid JSON at line 1, column 11: ");
    assertThatThrownBy(() -> Json.parse("", "empty.json"))
        .hasMessageStartingWith("empty.json: invalid JSON");
    assertThatThrownBy(() -> Json.parseObject("[1]", "provenance.json"))
        .hasMessage("provenance.json: expected a JSON object, found an array");
  }
}
