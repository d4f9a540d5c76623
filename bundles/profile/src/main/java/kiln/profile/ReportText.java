package kiln.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import kiln.util.TextTable;

/** The report as text: MLTK's "Profiling Summary" fields, then the layer table. */
final class ReportText {
  private ReportText() {}

  static String format(ProfileReport r) {
    StringBuilder b = new StringBuilder();
    b.append("Profiling Summary (estimated cycles, time and RAM)\n");
    b.append("Name: ").append(r.name()).append('\n');
    b.append("Accelerator: ").append(r.accelerator()).append(" (").append(r.acceleratorDescription())
        .append(")\n");
    b.append("Input Shape: ").append(shapes(r.inputs())).append('\n');
    b.append("Input Data Type: ").append(types(r.inputs())).append('\n');
    b.append("Output Shape: ").append(shapes(r.outputs())).append('\n');
    b.append("Output Data Type: ").append(types(r.outputs())).append('\n');
    b.append("Flash, Model File Size (bytes): ").append(Si.format(r.flashBytes())).append('\n');
    b.append("RAM, Runtime Memory Size (bytes): ").append(Si.format(r.ramBytes()))
        .append(" (arena, 32-bit TFLM reference kernels: ").append(Si.format(r.arenaBytes()))
        .append(" planned + ").append(Si.format(r.runtimeOverheadBytes())).append(" runtime)\n");
    b.append("RAM with CMSIS-NN kernels (bytes): ").append(Si.format(r.cmsisNnRamBytes()))
        .append(" (Cortex-M33 DSP, from CMSIS-NN's buffer-size formulas)\n");
    if (!r.accelerator().equals("none")) { // the CPU's kernels are the CMSIS-NN line above
      b.append("RAM with ").append(r.accelerator()).append(" kernels' scratch (bytes): ")
          .append(Si.format(r.acceleratorRamBytes())).append('\n');
    }
    b.append("Operation Count: ").append(Si.format(r.ops())).append('\n');
    b.append("Multiply-Accumulate Count: ").append(Si.format(r.macs())).append('\n');
    b.append("Layer Count: ").append(r.layerCount()).append('\n');
    b.append("Unsupported Layer Count: ").append(r.unsupportedLayerCount()).append('\n');
    b.append("Accelerator Cycle Count: ").append(Si.format(r.acceleratorCycles())).append('\n');
    b.append("CPU Cycle Count: ").append(Si.format(r.cpuCycles())).append('\n');
    b.append("CPU Utilization (%): ")
        .append(String.format(Locale.ROOT, "%.1f", r.cpuUtilizationPercent())).append('\n');
    b.append("Clock Rate (hz): ").append(Si.format(r.clockHz())).append('\n');
    b.append("Time (s): ").append(Si.format(r.timeSeconds())).append('\n');
    if (!Double.isNaN(r.energyJoules())) {
      b.append("Energy (J): ").append(Si.format(r.energyJoules())).append('\n');
    }
    b.append("Ops/s: ").append(Si.format(r.opsPerSecond())).append('\n');
    b.append("MACs/s: ").append(Si.format(r.macsPerSecond())).append('\n');
    b.append("Inference/s: ").append(Si.format(r.inferencesPerSecond())).append('\n');
    b.append('\n').append("Model Layers\n").append(layerTable(r));
    return b.toString();
  }

  static String layerTable(ProfileReport r) {
    boolean energy = r.layers().stream().anyMatch(l -> !Double.isNaN(l.energyJoules()));
    List<String> header = new ArrayList<>(List.of("Index", "OpCode", "# Ops", "# MACs",
        "Acc Cycles", "CPU Cycles"));
    if (energy) {
      header.add("Energy (J)");
    }
    header.addAll(List.of("Time (s)", "Input Shape", "Output Shape", "Options", "Supported?",
        "Error Msg"));
    TextTable table = new TextTable(header.toArray(String[]::new));
    for (ProfileReport.LayerRow l : r.layers()) {
      List<String> row = new ArrayList<>(List.of(String.valueOf(l.index()), l.opcode(),
          Si.format(l.ops()), Si.format(l.macs()), Si.format(l.acceleratorCycles()),
          Si.format(l.cpuCycles())));
      if (energy) {
        row.add(Si.format(l.energyJoules()));
      }
      row.addAll(List.of(Si.format(l.timeSeconds()),
          l.inputShapes().stream().map(Si::shape).collect(Collectors.joining(",")),
          l.outputShapes().stream().map(Si::shape).collect(Collectors.joining(",")),
          l.options(), l.supported() ? "True" : "False", l.error()));
      table.row(row.toArray());
    }
    return table.toString();
  }

  private static String shapes(List<ProfileReport.TensorSummary> ts) {
    return ts.stream().map(t -> Si.shape(t.shape())).collect(Collectors.joining(", "));
  }

  private static String types(List<ProfileReport.TensorSummary> ts) {
    return ts.stream().map(ProfileReport.TensorSummary::dtype).collect(Collectors.joining(", "));
  }
}
