package kiln.tune;

import com.fasterxml.jackson.databind.JsonNode;

/** The figures of a {@code kiln profile --format json} report the budgets look at (null: not estimated). */
record Profile(Long ramBytes, Long flashBytes, Double latencySeconds) {
  static Profile of(JsonNode report) {
    return new Profile(longOrNull(report.path("ram_bytes")), longOrNull(report.path("flash_bytes")),
        report.path("time_s").isNumber() ? report.path("time_s").asDouble() : null);
  }

  private static Long longOrNull(JsonNode n) {
    return n.isNumber() ? n.asLong() : null;
  }
}
