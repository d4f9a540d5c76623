package kiln.profile;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.util.json.Json;

/**
 * The report as JSON, in the shape {@code kiln/profile/profile-report.schema.json} documents
 * (schema id {@value #SCHEMA}). Cycle counts are rounded to whole cycles; quantities a back-end
 * does not estimate (energy) are {@code null}.
 */
final class ReportJson {
  static final String SCHEMA = "https://kiln.invalid/schemas/profile-report-1.json";

  private ReportJson() {}

  static String format(ProfileReport r) {
    return Json.writePretty(map(r));
  }

  /** The report's fields in order, for {@link #format} and the device report, which adds one. */
  static Map<String, Object> map(ProfileReport r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("$schema", SCHEMA);
    m.put("name", r.name());
    m.put("accelerator", r.accelerator());
    m.put("accelerator_description", r.acceleratorDescription());
    m.put("estimate", true);
    m.put("inputs", tensors(r.inputs()));
    m.put("outputs", tensors(r.outputs()));
    m.put("flash_bytes", r.flashBytes());
    m.put("ram_bytes", r.ramBytes());
    m.put("arena_bytes", r.arenaBytes());
    m.put("runtime_overhead_bytes", r.runtimeOverheadBytes());
    m.put("ram_cmsis_nn_bytes", r.cmsisNnRamBytes());
    m.put("ram_accelerator_bytes", r.acceleratorRamBytes());
    m.put("ops", r.ops());
    m.put("macs", r.macs());
    m.put("layer_count", r.layerCount());
    m.put("unsupported_layer_count", r.unsupportedLayerCount());
    m.put("accelerator_cycles", cycles(r.acceleratorCycles()));
    m.put("cpu_cycles", cycles(r.cpuCycles()));
    m.put("cpu_utilization_pct", num(r.cpuUtilizationPercent()));
    m.put("clock_hz", r.clockHz());
    m.put("time_s", num(r.timeSeconds()));
    m.put("energy_j", num(r.energyJoules()));
    m.put("ops_per_s", num(r.opsPerSecond()));
    m.put("macs_per_s", num(r.macsPerSecond()));
    m.put("inferences_per_s", num(r.inferencesPerSecond()));
    List<Map<String, Object>> layers = new ArrayList<>();
    for (ProfileReport.LayerRow l : r.layers()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("index", l.index());
      row.put("opcode", l.opcode());
      row.put("ops", l.ops());
      row.put("macs", l.macs());
      row.put("accelerator_cycles", cycles(l.acceleratorCycles()));
      row.put("cpu_cycles", cycles(l.cpuCycles()));
      row.put("energy_j", num(l.energyJoules()));
      row.put("time_s", num(l.timeSeconds()));
      row.put("input_shapes", shapes(l.inputShapes()));
      row.put("output_shapes", shapes(l.outputShapes()));
      row.put("options", l.options());
      row.put("supported", l.supported());
      row.put("error", l.error());
      layers.add(row);
    }
    m.put("layers", layers);
    return m;
  }

  private static List<Map<String, Object>> tensors(List<ProfileReport.TensorSummary> ts) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ProfileReport.TensorSummary t : ts) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("shape", shape(t.shape()));
      m.put("dtype", t.dtype());
      out.add(m);
    }
    return out;
  }

  private static List<List<Integer>> shapes(List<int[]> shapes) {
    List<List<Integer>> out = new ArrayList<>();
    for (int[] s : shapes) {
      out.add(shape(s));
    }
    return out;
  }

  /** A shape as an array; an absent optional tensor as null. */
  private static List<Integer> shape(int[] s) {
    return s == null ? null : Arrays.stream(s).boxed().toList();
  }

  /** Whole cycles; null where the back-end gives no estimate. */
  static Long cycles(double c) {
    return Double.isFinite(c) ? Math.round(c) : null;
  }

  /** Six significant digits (what an estimate is worth); null for what is not estimated. */
  static Double num(double v) {
    return Double.isFinite(v) ? new BigDecimal(v).round(new MathContext(6)).doubleValue() : null;
  }
}
