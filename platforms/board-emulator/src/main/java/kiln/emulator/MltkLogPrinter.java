package kiln.emulator;

import java.util.Locale;
import kiln.platform.serial.mltk.MltkLog;
import kiln.platform.serial.protocol.ProfileData;

/**
 * The log MLTK's model_profiler firmware prints after a reset (SiliconLabs/mltk,
 * cpp/shared/apps/model_profiler/main.cc and cpp/shared/profiling/profiling.cc), with the
 * emulator's figures, and a line saying they are emulated.
 */
final class MltkLogPrinter {
  private MltkLogPrinter() {}

  static String log(EmulatedBoard board, String modelName, ProfileData p) {
    StringBuilder b = new StringBuilder();
    b.append("Starting Model Profiler\r\n");
    b.append(MltkLog.EMULATOR_MARK).append(": cycles are emulated by Kiln's ")
        .append(board.acceleratorName()).append(" cycle model, not measured\r\n");
    b.append("Loading model\r\n");
    for (ProfileData.Op o : p.ops()) {
      if (!o.unsupportedReason().isEmpty()) {
        b.append("Op").append(o.index()).append('-').append(o.opcode()).append(" not supported: ")
            .append(o.unsupportedReason()).append("\r\n");
      }
    }
    b.append("Model details:\r\n");
    b.append("Name: ").append(modelName).append("\r\n");
    b.append("Accelerator: ").append(board.acceleratorName()).append("\r\n");
    b.append("Tensor runtime memory: ").append(MltkLog.units(p.arenaBytes(), 3)).append("\r\n");
    b.append("Profiler Metrics:\r\n");
    b.append("CPU clock: ").append(MltkLog.units(board.clockHz(), 1)).append("Hz\r\n");
    long ops = p.ops().stream().mapToLong(ProfileData.Op::ops).sum();
    long macs = p.ops().stream().mapToLong(ProfileData.Op::macs).sum();
    b.append("Inference\r\n");
    b.append(String.format(Locale.ROOT, " %7s OPs\r\n", MltkLog.units(ops, 2)));
    b.append(String.format(Locale.ROOT, " %7s MACs\r\n", MltkLog.units(macs, 2)));
    for (ProfileData.Op o : p.ops()) {
      if (o.ops() == 0 && o.macs() == 0) {
        continue; // the firmware prints metrics only for ops that have some
      }
      b.append("  Op").append(o.index()).append('-').append(o.opcode()).append("\r\n");
      if (o.ops() != 0) {
        b.append(String.format(Locale.ROOT, "   %7s OPs\r\n", MltkLog.units(o.ops(), 2)));
      }
      if (o.macs() != 0) {
        b.append(String.format(Locale.ROOT, "   %7s MACs\r\n", MltkLog.units(o.macs(), 2)));
      }
    }
    b.append("Inference\r\n");
    long total = p.ops().stream().mapToLong(ProfileData.Op::timeMicros).sum();
    b.append(String.format(Locale.ROOT, "  %9s\r\n", ms(total)));
    for (ProfileData.Op o : p.ops()) {
      b.append("  Op").append(o.index()).append('-').append(o.opcode()).append("\r\n");
      b.append(String.format(Locale.ROOT, "    %9s\r\n", ms(o.timeMicros())));
      if (o.cpuCycles() != 0) {
        b.append(String.format(Locale.ROOT, "   %8s CPU cycles\r\n", MltkLog.units(o.cpuCycles(), 2)));
      }
      if (o.acceleratorCycles() != 0) {
        b.append(String.format(Locale.ROOT, "   %8s Accelerator cycles\r\n",
            MltkLog.units(o.acceleratorCycles(), 2)));
      }
    }
    b.append("done\r\n");
    return b.toString();
  }

  /** The firmware's {@code format_microseconds_to_milliseconds}. */
  static String ms(long micros) {
    return String.format(Locale.ROOT, "%3d.%03d ms", micros / 1000, micros % 1000);
  }
}
