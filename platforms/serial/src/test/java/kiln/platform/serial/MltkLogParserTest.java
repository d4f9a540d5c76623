package kiln.platform.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import kiln.api.KilnException;
import kiln.api.platform.DeviceProfile;
import kiln.platform.serial.mltk.MltkLog;
import kiln.platform.serial.mltk.MltkLogParser;
import org.junit.jupiter.api.Test;

/**
 * Logs written for the test in the layout of MLTK's model_profiler (main.cc, profiling.cc:
 * {@code print_metrics}, {@code print_stats}, {@code format_units}, {@code
 * format_microseconds_to_milliseconds}); the expected figures are read off the text by hand.
 */
class MltkLogParserTest {
  static final String LOG = String.join("\r\n",
      "Starting Model Profiler",
      "Loading model",
      "[WARN] Op2-SOFTMAX not supported: Unsupported layer type",
      "Model details:",
      "Name: my_model",
      "Version: 1",
      "Accelerator: MVP",
      "Tensor runtime memory: 11.300k",
      "Input: int8[1,49,40,1]",
      "Output: int8[1,4]",
      "Profiler Metrics:",
      "CPU clock: 78.0MHz",
      "Inference",
      "  352.44k OPs",
      "  171.68k MACs",
      "  Op0-DEPTHWISE_CONV_2D",
      "    344.96k OPs",
      "    160.00k MACs",
      "  Op1-FULLY_CONNECTED",
      "     8.00k OPs",
      "     4.00k MACs",
      "  Op2-SOFTMAX",
      "       20 OPs",
      "Inference",
      "      3.215 ms",
      "  Op0-DEPTHWISE_CONV_2D",
      "      2.104 ms",
      "    57.33k CPU cycles",
      "   164.10k Accelerator cycles",
      "    76.32M OP/s",
      "  Op1-FULLY_CONNECTED",
      "      0.350 ms",
      "    12.21k CPU cycles",
      "    27.04k Accelerator cycles",
      "  Op2-SOFTMAX",
      "      0.761 ms",
      "    59.40k CPU cycles",
      "  Op3-RESHAPE",
      "      0.010 ms",
      "      780 CPU cycles",
      "done",
      "");

  @Test
  void readsTheFiguresAsMltkDoes() {
    DeviceProfile p = MltkLogParser.parse(LOG, "test.log");
    assertThat(p.source()).isEqualTo("mltk-log");
    assertThat(p.emulated()).isFalse();
    assertThat(p.clockHz()).isEqualTo(78_000_000L);
    assertThat(p.accelerator()).isEqualTo("mvp");
    assertThat(p.runtimeMemoryBytes()).isEqualTo(11_300L);
    assertThat(p.layers()).hasSize(4);
    DeviceProfile.Layer conv = p.layers().get(0);
    assertThat(conv.opcode()).isEqualTo("DEPTHWISE_CONV_2D");
    assertThat(conv.ops()).isEqualTo(344_960L);
    assertThat(conv.macs()).isEqualTo(160_000L);
    assertThat(conv.cpuCycles()).isEqualTo(57_330L);
    assertThat(conv.acceleratorCycles()).isEqualTo(164_100L);
    assertThat(conv.timeSeconds()).isEqualTo(0.002104);
    assertThat(conv.unsupportedReason()).isEmpty();
    DeviceProfile.Layer fc = p.layers().get(1);
    assertThat(fc.ops()).isEqualTo(8_000L);
    assertThat(fc.macs()).isEqualTo(4_000L);
    assertThat(fc.cpuCycles()).isEqualTo(12_210L);
    assertThat(fc.acceleratorCycles()).isEqualTo(27_040L);
    assertThat(fc.timeSeconds()).isEqualTo(0.000350);
    DeviceProfile.Layer softmax = p.layers().get(2);
    assertThat(softmax.ops()).isEqualTo(20L);
    assertThat(softmax.macs()).isZero();
    assertThat(softmax.cpuCycles()).isEqualTo(59_400L);
    assertThat(softmax.acceleratorCycles()).isZero();
    assertThat(softmax.unsupportedReason()).isEqualTo("Unsupported layer type");
    // no metrics block (no OPs or MACs): the results block still gives its figures
    DeviceProfile.Layer reshape = p.layers().get(3);
    assertThat(reshape.opcode()).isEqualTo("RESHAPE");
    assertThat(reshape.ops()).isZero();
    assertThat(reshape.cpuCycles()).isEqualTo(780L);
    assertThat(reshape.timeSeconds()).isEqualTo(0.000010);
  }

  @Test
  void theWholeInferenceTimeIsNotTakenForAnOp() {
    // "Inference" then "3.215 ms" follow Op2's metrics: they must not land on Op2
    DeviceProfile p = MltkLogParser.parse(LOG, "test.log");
    assertThat(p.layers().get(2).timeSeconds()).isEqualTo(0.000761);
  }

  @Test
  void aFailureLineIsAnErrorNamingTheLine() {
    String failed = String.join("\n", "Starting Model Profiler", "Loading model",
        "Failed to alloc memory for tensor arena", "Error while loading model");
    assertThatThrownBy(() -> MltkLogParser.parse(failed, "bad.log"))
        .isInstanceOf(KilnException.class)
        .hasMessageContaining("bad.log")
        .hasMessageContaining("line 3")
        .hasMessageContaining("Failed to alloc memory");
  }

  @Test
  void aHardfaultIsAFailure() {
    String failed = "Starting Model Profiler\nLoading model\n*** HardFault ***\n";
    assertThatThrownBy(() -> MltkLogParser.parse(failed, "hf.log"))
        .isInstanceOf(KilnException.class).hasMessageContaining("HardFault");
  }

  @Test
  void aLogWithoutOpsIsRefused() {
    assertThatThrownBy(() -> MltkLogParser.parse("hello\nworld\n", "empty.log"))
        .isInstanceOf(KilnException.class).hasMessageContaining("empty.log")
        .hasMessageContaining("no model profile");
  }

  @Test
  void theEmulatorsMarkMakesTheFiguresEmulated() {
    DeviceProfile p = MltkLogParser.parse(LOG.replace("Loading model",
        "Loading model\n" + MltkLog.EMULATOR_MARK + ": cycles are emulated"), "emu.log");
    assertThat(p.emulated()).isTrue();
  }

  @Test
  void unitsAreWrittenAndReadAsTheFirmwareDoes() {
    // format_units(45678, 2): 45678 * 100 / 1000 = 4567 -> "45.67k" (truncated, not rounded)
    assertThat(MltkLog.units(45_678, 2)).isEqualTo("45.67k");
    assertThat(MltkLog.units(78_000_000, 1)).isEqualTo("78.0M");
    assertThat(MltkLog.units(1000, 2)).isEqualTo("1000");
    assertThat(MltkLog.units(11_300, 3)).isEqualTo("11.300k");
    assertThat(MltkLog.number("45.67k")).isEqualTo(45_670L);
    assertThat(MltkLog.number("1.5G")).isEqualTo(1_500_000_000L);
    assertThat(MltkLog.number("780")).isEqualTo(780L);
  }
}
