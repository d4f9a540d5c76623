package kiln.tune;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** The RAM, flash and latency budgets of a search; 0 or less: no budget. */
record Budgets(long maxRamBytes, long maxFlashBytes, double maxLatencySeconds) implements Serializable {
  /** What the profile breaks ("RAM 20.1 kB > 16.0 kB"), or null when it fits every budget. */
  String broken(Profile p, String accelerator) {
    List<String> out = new ArrayList<>();
    if (maxRamBytes > 0) {
      if (p.ramBytes() == null) {
        out.add("the profile has no RAM figure");
      } else if (p.ramBytes() > maxRamBytes) {
        out.add("RAM " + Units.size(p.ramBytes()) + " > --max-ram " + Units.size(maxRamBytes));
      }
    }
    if (maxFlashBytes > 0) {
      if (p.flashBytes() == null) {
        out.add("the profile has no flash figure");
      } else if (p.flashBytes() > maxFlashBytes) {
        out.add("flash " + Units.size(p.flashBytes()) + " > --max-flash " + Units.size(maxFlashBytes));
      }
    }
    if (maxLatencySeconds > 0) {
      if (p.latencySeconds() == null) {
        out.add("accelerator " + accelerator + " gives no latency estimate");
      } else if (p.latencySeconds() > maxLatencySeconds) {
        out.add("latency " + Units.millis(p.latencySeconds()) + " > --max-latency " + Units.millis(maxLatencySeconds));
      }
    }
    return out.isEmpty() ? null : String.join("; ", out) + " (accelerator " + accelerator + ")";
  }

  /** The budgets as one line for the driver's header. */
  String describe() {
    List<String> out = new ArrayList<>();
    if (maxRamBytes > 0) {
      out.add("RAM <= " + Units.size(maxRamBytes));
    }
    if (maxFlashBytes > 0) {
      out.add("flash <= " + Units.size(maxFlashBytes));
    }
    if (maxLatencySeconds > 0) {
      out.add("latency <= " + Units.millis(maxLatencySeconds));
    }
    return out.isEmpty() ? "none" : String.join(", ", out);
  }
}
