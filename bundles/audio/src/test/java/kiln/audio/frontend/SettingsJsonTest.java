package kiln.audio.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import kiln.api.KilnException;
import kiln.api.data.FrontendSettings;
import org.junit.jupiter.api.Test;

/** Settings files: the text written, what is read back, and the errors. */
class SettingsJsonTest {
  @Test
  void writesOneFeKeyPerLineWithFloat32Text() {
    String json = SettingsJson.write(FrontendPresets.microSpeech());
    assertThat(json)
        .startsWith("{\n  \"fe.sample_rate_hz\": 16000,\n  \"fe.sample_length_ms\": 1000,\n")
        .contains("\n  \"fe.filterbank_upper_band_limit\": 7500.0,\n")
        .contains("\n  \"fe.noise_reduction_enable\": true,\n")
        .contains("\n  \"fe.noise_reduction_even_smoothing\": 0.025,\n")
        .endsWith("\n  \"fe.fft_length\": 512\n}\n");
    assertThat(json.lines()).hasSize(30);
    assertThat(SettingsJson.parse(json, "fe.json")).isEqualTo(FrontendPresets.microSpeech());
  }

  @Test
  void unsetKeysKeepMltksDefaultsAndBareNamesWork() {
    FrontendSettings s = SettingsJson.parse("{\"fe.window_size_ms\": 30, \"pcan_enable\": \"True\"}", "a.json");
    assertThat(s).isEqualTo(FrontendSettings.builder().windowSizeMs(30).pcanEnable(true).build());
    assertThat(SettingsJson.parse(" {} ", "empty.json")).isEqualTo(FrontendSettings.defaults());
  }

  @Test
  void errorsNameTheFile() {
    assertThatThrownBy(() -> SettingsJson.parse("{\"fe.window_size_ms\": 30,}", "a.json"))
        .isInstanceOf(KilnException.class)
        .hasMessageStartingWith("settings file a.json: invalid JSON at line 1, column ");
    assertThatThrownBy(() -> SettingsJson.parse("[30]", "b.json"))
        .hasMessage("settings file b.json: expected a JSON object, found an array");
    assertThatThrownBy(() -> SettingsJson.parse("{\"fe.window_size_ms\": [30]}", "c.json"))
        .hasMessage("settings file c.json: frontend setting fe.window_size_ms must be an integer, "
            + "got '[30]' (ArrayList)");
  }
}
