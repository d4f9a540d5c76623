package kiln.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.util.json.Json;

/** The device report as JSON: the usual report with a {@code measured} object (see the schema). */
final class DeviceReportJson {
  private DeviceReportJson() {}

  static String format(DeviceComparison c) {
    Map<String, Object> m = ReportJson.map(c.estimate());
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("emulated", c.measured().emulated());
    d.put("source", c.measured().source());
    d.put("board", c.measured().board());
    d.put("board_accelerator", c.measured().accelerator());
    d.put("clock_hz", c.measured().clockHz());
    d.put("runtime_memory_bytes", vs(c.runtimeMemory()));
    d.put("cpu_cycles", vs(c.cpuCycles()));
    d.put("accelerator_cycles", vs(c.acceleratorCycles()));
    d.put("time_s", vs(c.time()));
    List<Map<String, Object>> layers = new ArrayList<>();
    for (DeviceComparison.Row row : c.rows()) {
      Map<String, Object> l = new LinkedHashMap<>();
      l.put("index", row.board().index());
      l.put("opcode", row.board().opcode());
      l.put("ops", row.board().ops());
      l.put("macs", row.board().macs());
      l.put("cpu_cycles", vs(row.cpu()));
      l.put("accelerator_cycles", vs(row.accelerator()));
      l.put("time_s", vs(row.time()));
      l.put("unsupported_reason", row.board().unsupportedReason());
      layers.add(l);
    }
    d.put("layers", layers);
    m.put("measured", d);
    return Json.writePretty(m);
  }

  private static Map<String, Object> vs(DeviceComparison.Vs v) {
    if (!Double.isFinite(v.measured())) {
      return null; // the board did not time every op
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("measured", ReportJson.num(v.measured()));
    m.put("estimate", ReportJson.num(v.estimate()));
    m.put("estimate_error_pct", ReportJson.num(v.errorPercent()));
    return m;
  }
}
