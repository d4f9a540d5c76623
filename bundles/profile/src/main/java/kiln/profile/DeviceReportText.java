package kiln.profile;

import java.util.Locale;
import kiln.util.TextTable;

/**
 * The device report as text: the board's figures (marked measured, or emulated for the board
 * emulator), each with Kiln's estimate and the estimate's error, then the usual estimate report.
 */
final class DeviceReportText {
  private DeviceReportText() {}

  static String format(DeviceComparison c) {
    ProfileReport r = c.estimate();
    StringBuilder b = new StringBuilder();
    b.append("Profiling Summary (measured; ").append(c.kind()).append(")\n");
    b.append("Name: ").append(r.name()).append('\n');
    b.append("Board: ").append(c.measured().board().isEmpty() ? "-" : c.measured().board()).append('\n');
    b.append("Source: ").append(c.where()).append(" (").append(c.measured().source()).append(")\n");
    b.append("Accelerator: ").append(r.accelerator());
    String boardAcc = c.measured().accelerator();
    if (!boardAcc.isEmpty() && !boardAcc.equals(r.accelerator())) {
      b.append(" (the board's firmware uses ").append(boardAcc)
          .append(": the estimate is for another accelerator; give --accelerator ").append(boardAcc)
          .append(')');
    }
    b.append('\n');
    b.append("Clock Rate (hz): ").append(c.measured().clockHz() > 0 ? Si.format(c.measured().clockHz()) : "-")
        .append(" (estimate ").append(Si.format(r.clockHz())).append(")\n");
    b.append(line("RAM, Runtime Memory Size (bytes)", c.runtimeMemory()));
    b.append(line("CPU Cycle Count", c.cpuCycles()));
    b.append(line("Accelerator Cycle Count", c.acceleratorCycles()));
    b.append(line("Time (s)", c.time()));
    long unsupported = c.measured().layers().stream().filter(l -> !l.unsupportedReason().isEmpty()).count();
    b.append("Unsupported Layer Count: ").append(unsupported).append(" (estimate ")
        .append(r.unsupportedLayerCount()).append(")\n");
    b.append('\n').append("Model Layers (measured | estimate | estimate error)\n");
    TextTable t = new TextTable("Index", "OpCode", "# Ops", "# MACs", "CPU Cycles", "Est CPU",
        "Err", "Acc Cycles", "Est Acc", "Err", "Time (s)", "Est Time", "Err", "Supported?",
        "Error Msg");
    for (DeviceComparison.Row row : c.rows()) {
      DeviceComparison.Vs cpu = row.cpu();
      DeviceComparison.Vs acc = row.accelerator();
      DeviceComparison.Vs time = row.time();
      t.row(String.valueOf(row.board().index()), row.board().opcode().isEmpty()
              ? row.estimate().opcode() : row.board().opcode().toLowerCase(Locale.ROOT),
          Si.format(row.board().ops()), Si.format(row.board().macs()),
          Si.format(cpu.measured()), Si.format(cpu.estimate()), DeviceComparison.error(cpu),
          Si.format(acc.measured()), Si.format(acc.estimate()), DeviceComparison.error(acc),
          Si.format(time.measured()), Si.format(time.estimate()), DeviceComparison.error(time),
          row.board().unsupportedReason().isEmpty() ? "True" : "False",
          row.board().unsupportedReason());
    }
    b.append(t);
    b.append('\n').append(ReportText.format(r));
    return b.toString();
  }

  private static String line(String name, DeviceComparison.Vs v) {
    return name + ": " + (Double.isFinite(v.measured()) ? Si.format(v.measured()) : "-")
        + " (estimate " + Si.format(v.estimate()) + ", error " + DeviceComparison.error(v) + ")\n";
  }
}
