package kiln.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import kiln.api.KilnException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --hp KEY=VALUE,... and --hp-file FILE as the commands read them. */
class HyperparameterArgsTest {
  @TempDir Path dir;

  @Test
  void listAndFileMergeTheListWinning() throws IOException {
    Path f = Files.writeString(dir.resolve("t.json"),
        "{\"filters\": 16.0, \"lr\": 0.001, \"bias\": true, \"act\": \"relu\"}");
    assertThat(HyperparameterArgs.parse("", null)).isEmpty();
    assertThat(HyperparameterArgs.parse(" units = 8 ,act=tanh", null))
        .containsExactly(Map.entry("units", "8"), Map.entry("act", "tanh"));
    // a whole JSON number is the int a choice of ints matches
    assertThat(HyperparameterArgs.parse("act=tanh", f.toString())).containsExactly(Map.entry("filters", "16"),
        Map.entry("lr", "0.001"), Map.entry("bias", "true"), Map.entry("act", "tanh"));
  }

  @Test
  void badInputIsNamed() throws IOException {
    assertThatThrownBy(() -> HyperparameterArgs.parse("units", null)).isInstanceOf(KilnException.class)
        .hasMessage("--hp units: expected KEY=VALUE[,KEY=VALUE...], got 'units'");
    Path f = Files.writeString(dir.resolve("t.json"), "{\"filters\": [8, 16]}");
    assertThatThrownBy(() -> HyperparameterArgs.parse("", f.toString()))
        .hasMessageContaining("'filters': expected a number, string or boolean, got an array");
    assertThatThrownBy(() -> HyperparameterArgs.parse("", dir.resolve("none.json").toString()))
        .hasMessageContaining("none.json: cannot read it");
  }
}
