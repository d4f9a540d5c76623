package kiln.api.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The frontend parameters of MLTK's published tflite_micro_speech.tflite, under the names older MLTK
 * releases wrote (copied from that file's SL_PARAMSv1 entries), read as the settings they name.
 */
class FrontendSettingsNamesTest {
  @Test
  void olderMltkNamesReadAsTodaysSettings() {
    Map<String, Object> older = new LinkedHashMap<>();
    older.put("fe.sample_rate_hz", 16000);
    older.put("fe.sample_length_ms", 1000);
    older.put("fe.window_size_ms", 30);
    older.put("fe.window_step_ms", 20);
    older.put("fe.n_channels", 40);
    older.put("fe.upper_band_limit", 7500.0);
    older.put("fe.lower_band_limit", 125.0);
    older.put("fe.enable_noise_reduction", "True");
    older.put("fe.smoothing_bits", 10);
    older.put("fe.even_smoothing", 0.02500000037252903);
    older.put("fe.odd_smoothing", 0.05999999865889549);
    older.put("fe.min_signal_remaining", 0.05000000074505806);
    older.put("fe.enable_pcan", "True");
    older.put("fe.pcan_strength", 0.949999988079071);
    older.put("fe.pcan_offset", 80.0);
    older.put("fe.gain_bits", 21);
    older.put("fe.enable_log", "True");
    older.put("fe.scale_shift", 6);
    FrontendSettings s = FrontendSettings.fromParameters(older);
    Map<String, Object> p = s.toParameters();
    assertThat(p).containsEntry("fe.filterbank_n_channels", 40)
        .containsEntry("fe.filterbank_upper_band_limit", 7500.0f)
        .containsEntry("fe.noise_reduction_enable", true)
        .containsEntry("fe.noise_reduction_smoothing_bits", 10)
        .containsEntry("fe.noise_reduction_even_smoothing", 0.025f)
        .containsEntry("fe.pcan_enable", true)
        .containsEntry("fe.pcan_gain_bits", 21)
        .containsEntry("fe.log_scale_enable", true)
        .containsEntry("fe.log_scale_shift", 6)
        .containsEntry("fe.window_size_ms", 30);
  }
}
