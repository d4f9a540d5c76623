package kiln.tflite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import kiln.api.KilnException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParameterUpdateTest {
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

  @TempDir
  Path tmp;

  @Test
  void jsonFileAndAssignmentsToAnotherFileLeavingTheInputAlone() throws IOException {
    Path src = Fixtures.file("tflm/hello_world_int8.tflite");
    Path json = Files.writeString(tmp.resolve("p.json"), "{\"classes\": [\"sine\"], "
        + "\"threshold\": 0.75, \"steps\": [1, 2, 3], \"enabled\": true, \"big\": 5000000000}");
    Path out = tmp.resolve("out/hello.tflite");
    ParameterUpdate.update(src, List.of("threshold=0.5", "name=hello"), json, null, out, NOW);
    ModelParameters p = TfliteModel.read(out).parameters();
    assertThat(p.keys()).containsExactly("classes", "threshold", "steps", "enabled", "big",
        "name", "hash", "date");
    assertThat(p.value("threshold")).isEqualTo(new ModelParameters.Value(ParamType.FLOAT, 0.5f));
    assertThat(p.value("big").type()).isEqualTo(ParamType.UINT64);
    assertThat((int[]) p.get("steps")).containsExactly(1, 2, 3);
    assertThat(p.getString("date")).isEqualTo("2026-11-21T10:00:00Z");
    assertThat(TfliteModel.read(src).parameters().isEmpty()).isTrue();
    assertThat(Files.list(out.getParent()).toList()).containsExactly(out); // no temp file left
  }

  @Test
  void textValuesAreTyped() {
    assertThat(ParamText.parse("k", "42")).isEqualTo(42L);
    assertThat(ParamText.parse("k", "-1.5e3")).isEqualTo(-1500.0);
    assertThat(ParamText.parse("k", "False")).isEqualTo(false);
    assertThat(ParamText.parse("k", "'007'")).isEqualTo("007");
    assertThat(ParamText.parse("k", "a, b")).isEqualTo(List.of("a", "b"));
    assertThat((int[]) ParamText.parse("k", "[1,2]")).containsExactly(1, 2);
    assertThat((float[]) ParamText.parse("k", "1,2.5")).containsExactly(1f, 2.5f);
    assertThat(ParamText.parse("k", "hello world")).isEqualTo("hello world");
  }

  @Test
  void errorsNameWhatIsWrong() throws IOException {
    Path copy = Files.copy(Fixtures.file("tflm/hello_world_int8.tflite"), tmp.resolve("m.tflite"));
    assertThatThrownBy(() -> ParameterUpdate.update(copy, List.of("novalue"), null, null, null,
        NOW)).isInstanceOf(KilnException.class)
        .hasMessage("parameter 'novalue': expected key=value");
    assertThatThrownBy(() -> ParameterUpdate.update(copy, List.of(), null, null, null, NOW))
        .isInstanceOf(KilnException.class).hasMessageContaining("expected at least one key=value");
    Path bad = Files.writeString(tmp.resolve("bad.json"), "{\"a\": }");
    assertThatThrownBy(() -> ParameterUpdate.update(copy, List.of(), bad, null, null, NOW))
        .isInstanceOf(KilnException.class)
        .hasMessageStartingWith(bad + ": invalid JSON at line 1, column 7: ");
    Path nested = Files.writeString(tmp.resolve("nested.json"), "{\"a\": {\"b\": 1}}");
    assertThatThrownBy(() -> ParameterUpdate.update(copy, List.of(), nested, null, null, NOW))
        .isInstanceOf(KilnException.class)
        .hasMessage(nested + ": a: expected a string, number, true, false or an array, found an object");
    Path mixed = Files.writeString(tmp.resolve("mixed.json"), "{\"a\": [1, \"b\"]}");
    assertThatThrownBy(() -> ParameterUpdate.update(copy, List.of(), mixed, null, null, NOW))
        .isInstanceOf(KilnException.class)
        .hasMessage(mixed + ": a: expected an array of numbers or of strings, found [1, b]");
  }
}
