package kiln.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import kiln.api.KilnException;
import kiln.api.platform.BoardConnector;
import kiln.emulator.RunningEmulator;
import kiln.emulator.SocatPair;
import kiln.platform.serial.internal.SerialBoardConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kiln:profile --device}: from a saved log, and live through the serial connector and the
 * board emulator on a socat pty pair.
 */
class DeviceProfilingTest {
  /**
   * tflite_micro_speech on an EFR32xG24 with the MVP, as MLTK's model_profiler prints it, with the
   * figures Silicon Labs published for that board run (fixtures/mvp/layers.csv, models.csv).
   */
  static final String PUBLISHED_LOG = String.join("\n",
      "Starting Model Profiler",
      "Loading model",
      "Op2-FULLY_CONNECTED not supported: weights_shape[1] (4000) > 2048",
      "Model details:",
      "Name: tflite_micro_speech",
      "Accelerator: MVP",
      "Tensor runtime memory: 11.300k",
      "Profiler Metrics:",
      "CPU clock: 78.0MHz",
      "Inference",
      "  684.02k OPs",
      "  336.00k MACs",
      "  Op0-CONV_2D",
      "   652.00k OPs",
      "   320.00k MACs",
      "  Op2-FULLY_CONNECTED",
      "    32.00k OPs",
      "    16.00k MACs",
      "  Op3-SOFTMAX",
      "        20 OPs",
      "Inference",
      "    6.100 ms",
      "  Op0-CONV_2D",
      "      5.400 ms",
      "    85.70k CPU cycles",
      "   380.50k Accelerator cycles",
      "  Op1-RESHAPE",
      "      0.270 ms",
      "    20.50k CPU cycles",
      "  Op2-FULLY_CONNECTED",
      "      0.360 ms",
      "     5.10k CPU cycles",
      "    24.10k Accelerator cycles",
      "  Op3-SOFTMAX",
      "      0.060 ms",
      "     3.70k CPU cycles",
      "done",
      "");

  @TempDir Path dir;

  static Map<String, BoardConnector> serial() {
    return Map.of("serial", new SerialBoardConnector());
  }

  String profileLog(String log, String format) throws Exception {
    Path file = dir.resolve("board.log");
    Files.writeString(file, log);
    return DeviceProfiling.run(Fixtures.mltk("tflite_micro_speech.tflite").toString(), "mvp", false,
        "", format, Fixtures.accelerators(), null, serial(),
        new DeviceOptions("serial", null, file.toString(), false, 115200, 1000, 0));
  }

  @Test
  void aSavedLogGivesTheMeasuredReportWithTheEstimateBeside() throws Exception {
    String text = profileLog(PUBLISHED_LOG, "text");
    assertThat(text).startsWith("Profiling Summary (measured; measured on the board)\n")
        .contains("RAM, Runtime Memory Size (bytes): 11.3k (estimate ")
        // 85.7k + 20.5k + 5.1k + 3.7k = 115.0k, the published model total
        .contains("CPU Cycle Count: 115.0k (estimate ")
        // 380.5k + 24.1k = 404.6k, the published model total
        .contains("Accelerator Cycle Count: 404.6k (estimate ")
        .contains("Unsupported Layer Count: 1 (estimate 1)")
        .contains("weights_shape[1] (4000) > 2048")
        // the usual estimate report follows
        .contains("Profiling Summary (estimated cycles, time and RAM)");
  }

  @Test
  void jsonCarriesEachMeasuredFigureWithTheEstimateAndItsError() throws Exception {
    JsonNode n = ProfileCommandTest.JSON.readTree(profileLog(PUBLISHED_LOG, "json"));
    assertThat(ProfileCommandTest.schema().validate(n)).isEmpty();
    JsonNode m = n.get("measured");
    assertThat(m.get("emulated").asBoolean()).isFalse();
    assertThat(m.get("source").asText()).isEqualTo("mltk-log");
    assertThat(m.get("clock_hz").asLong()).isEqualTo(78_000_000L);
    assertThat(m.get("board_accelerator").asText()).isEqualTo("mvp");
    JsonNode conv = m.get("layers").get(0);
    assertThat(conv.get("opcode").asText()).isEqualTo("CONV_2D");
    assertThat(conv.get("accelerator_cycles").get("measured").asDouble()).isEqualTo(380_500);
    assertThat(conv.get("cpu_cycles").get("measured").asDouble()).isEqualTo(85_700);
    assertThat(conv.get("time_s").get("measured").asDouble()).isEqualTo(0.0054);
    double estimate = conv.get("accelerator_cycles").get("estimate").asDouble();
    assertThat(estimate).isEqualTo(n.get("layers").get(0).get("accelerator_cycles").asDouble());
    assertThat(conv.get("accelerator_cycles").get("estimate_error_pct").asDouble())
        .isCloseTo(100 * (estimate - 380_500) / 380_500, within(1e-3));
    JsonNode reshape = m.get("layers").get(1);
    assertThat(reshape.get("cpu_cycles").get("measured").asDouble()).isEqualTo(20_500);
    assertThat(reshape.get("accelerator_cycles").get("estimate_error_pct").isNull()).isTrue();
    assertThat(m.get("runtime_memory_bytes").get("measured").asDouble()).isEqualTo(11_300);
    assertThat(m.get("time_s").get("measured").asDouble()).isCloseTo(0.0054 + 0.00027 + 0.00036 + 0.00006, within(1e-9));
  }

  @Test
  void aBoardOnAnotherAcceleratorThanTheEstimateIsPointedOut() throws Exception {
    Path file = dir.resolve("board.log");
    Files.writeString(file, PUBLISHED_LOG);
    String text = DeviceProfiling.run(Fixtures.mltk("tflite_micro_speech.tflite").toString(), "none",
        false, "", "text", Fixtures.accelerators(), null, serial(),
        new DeviceOptions("serial", null, file.toString(), false, 115200, 1000, 0));
    assertThat(text).contains("Accelerator: none (the board's firmware uses mvp: the estimate is for"
        + " another accelerator; give --accelerator mvp)");
  }

  @Test
  void aLogOfAnotherModelIsRefused() {
    String other = PUBLISHED_LOG.replace("Op3-SOFTMAX", "Op3-LOGISTIC");
    assertThatThrownBy(() -> profileLog(other, "text")).isInstanceOf(KilnException.class)
        .hasMessageContaining("op 3 is LOGISTIC on the board and softmax in model");
  }

  @Test
  void aFailedRunIsAnError() {
    String failed = "Starting Model Profiler\nLoading model\nFailed to alloc memory\n";
    assertThatThrownBy(() -> profileLog(failed, "text")).isInstanceOf(KilnException.class)
        .hasMessageContaining("board.log").hasMessageContaining("Failed to alloc memory");
  }

  @Test
  void anUnknownConnectorIsNamed() {
    assertThatThrownBy(() -> DeviceProfiling.run(Fixtures.mltk("tflite_micro_speech.tflite").toString(),
        "mvp", false, "", "text", Fixtures.accelerators(), null, serial(),
        new DeviceOptions("tcp", null, null, false, 115200, 1000, 0)))
        .isInstanceOf(KilnException.class).hasMessageContaining("--connector tcp")
        .hasMessageContaining("serial");
  }

  @Test
  void liveThroughTheEmulatorOverSerialIsMarkedEmulated() throws Exception {
    try (SocatPair pair = SocatPair.start(dir)) {
      RunningEmulator emulator = RunningEmulator.kiln(pair.board, "mvp");
      String text = DeviceProfiling.run(Fixtures.mltk("tflite_micro_speech.tflite").toString(), "mvp",
          false, "", "text", Fixtures.accelerators(), null, serial(),
          new DeviceOptions("serial", pair.host.toString(), null, false, 115200, 500, 1));
      assertThat(text).startsWith("Profiling Summary (measured; emulated: the board emulator's cycle"
          + " model, not a chip)\n")
          .contains("Board: Kiln board emulator")
          .contains("kiln-protocol")
          .contains("conv_2d")
          .contains("Model Layers (measured | estimate | estimate error)");
      pair.close();
      emulator.close();
      assertThat(emulator.failure).isNull();
    }
  }

  @Test
  void liveFromAnMltkFirmwareLogThroughTheEmulator() throws Exception {
    byte[] model = Files.readAllBytes(Fixtures.mltk("tflite_micro_speech.tflite"));
    try (SocatPair pair = SocatPair.start(dir)) {
      RunningEmulator emulator = RunningEmulator.mltk(pair.board, "mvp", model, "tflite_micro_speech");
      String json = DeviceProfiling.run(Fixtures.mltk("tflite_micro_speech.tflite").toString(), "mvp",
          false, "", "json", Fixtures.accelerators(), null, serial(),
          new DeviceOptions("serial", pair.host.toString(), null, false, 115200, 500, 0));
      JsonNode m = ProfileCommandTest.JSON.readTree(json).get("measured");
      assertThat(m.get("source").asText()).isEqualTo("mltk-log");
      assertThat(m.get("emulated").asBoolean()).isTrue();
      assertThat(m.get("layers")).hasSize(4);
      pair.close();
      emulator.close();
    }
  }
}
