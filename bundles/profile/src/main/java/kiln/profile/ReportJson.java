package kiln.profile;

import java.util.List;
import java.util.Locale;

/**
 * The report as JSON, in the shape {@code kiln/profile/profile-report.schema.json} documents
 * (schema id {@value #SCHEMA}). Cycle counts are rounded to whole cycles; quantities a back-end
 * does not estimate (energy) are {@code null}.
 */
final class ReportJson {
  static final String SCHEMA = "https://kiln.invalid/schemas/profile-report-1.json";

  private ReportJson() {}

  static String format(ProfileReport r) {
    StringBuilder b = new StringBuilder();
    b.append("{\n");
    field(b, 1, "$schema", str(SCHEMA));
    field(b, 1, "name", str(r.name()));
    field(b, 1, "accelerator", str(r.accelerator()));
    field(b, 1, "accelerator_description", str(r.acceleratorDescription()));
    field(b, 1, "estimate", "true");
    field(b, 1, "inputs", tensors(r.inputs()));
    field(b, 1, "outputs", tensors(r.outputs()));
    field(b, 1, "flash_bytes", Long.toString(r.flashBytes()));
    field(b, 1, "ram_bytes", Long.toString(r.ramBytes()));
    field(b, 1, "arena_bytes", Long.toString(r.arenaBytes()));
    field(b, 1, "runtime_overhead_bytes", Long.toString(r.runtimeOverheadBytes()));
    field(b, 1, "ops", Long.toString(r.ops()));
    field(b, 1, "macs", Long.toString(r.macs()));
    field(b, 1, "layer_count", Integer.toString(r.layerCount()));
    field(b, 1, "unsupported_layer_count", Integer.toString(r.unsupportedLayerCount()));
    field(b, 1, "accelerator_cycles", cycles(r.acceleratorCycles()));
    field(b, 1, "cpu_cycles", cycles(r.cpuCycles()));
    field(b, 1, "cpu_utilization_pct", num(r.cpuUtilizationPercent()));
    field(b, 1, "clock_hz", Long.toString(r.clockHz()));
    field(b, 1, "time_s", num(r.timeSeconds()));
    field(b, 1, "energy_j", num(r.energyJoules()));
    field(b, 1, "ops_per_s", num(r.opsPerSecond()));
    field(b, 1, "macs_per_s", num(r.macsPerSecond()));
    field(b, 1, "inferences_per_s", num(r.inferencesPerSecond()));
    b.append("  \"layers\": [");
    List<ProfileReport.LayerRow> layers = r.layers();
    for (int i = 0; i < layers.size(); i++) {
      ProfileReport.LayerRow l = layers.get(i);
      b.append(i == 0 ? "\n" : ",\n").append("    {");
      b.append("\"index\": ").append(l.index());
      b.append(", \"opcode\": ").append(str(l.opcode()));
      b.append(", \"ops\": ").append(l.ops());
      b.append(", \"macs\": ").append(l.macs());
      b.append(", \"accelerator_cycles\": ").append(cycles(l.acceleratorCycles()));
      b.append(", \"cpu_cycles\": ").append(cycles(l.cpuCycles()));
      b.append(", \"energy_j\": ").append(num(l.energyJoules()));
      b.append(", \"time_s\": ").append(num(l.timeSeconds()));
      b.append(", \"input_shapes\": ").append(shapes(l.inputShapes()));
      b.append(", \"output_shapes\": ").append(shapes(l.outputShapes()));
      b.append(", \"options\": ").append(str(l.options()));
      b.append(", \"supported\": ").append(l.supported());
      b.append(", \"error\": ").append(str(l.error()));
      b.append('}');
    }
    b.append(layers.isEmpty() ? "]\n" : "\n  ]\n");
    b.append("}\n");
    return b.toString();
  }

  private static void field(StringBuilder b, int depth, String name, String value) {
    b.append("  ".repeat(depth)).append(str(name)).append(": ").append(value).append(",\n");
  }

  private static String tensors(List<ProfileReport.TensorSummary> ts) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < ts.size(); i++) {
      b.append(i == 0 ? "" : ", ").append("{\"shape\": ").append(shape(ts.get(i).shape()))
          .append(", \"dtype\": ").append(str(ts.get(i).dtype())).append('}');
    }
    return b.append(']').toString();
  }

  private static String shapes(List<int[]> shapes) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < shapes.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(shape(shapes.get(i)));
    }
    return b.append(']').toString();
  }

  /** A shape as an array; an absent optional tensor as null. */
  private static String shape(int[] s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < s.length; i++) {
      b.append(i == 0 ? "" : ", ").append(s[i]);
    }
    return b.append(']').toString();
  }

  private static String cycles(double c) {
    return Double.isFinite(c) ? Long.toString(Math.round(c)) : "null";
  }

  private static String num(double v) {
    if (!Double.isFinite(v)) {
      return "null";
    }
    return String.format(Locale.ROOT, "%.6g", v).replaceFirst("(\\.\\d*?)0+(e|$)", "$1$2")
        .replaceFirst("\\.(e|$)", "$1").replace("e+", "e");
  }

  static String str(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
