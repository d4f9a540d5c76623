package kiln.tensorflow.train;

import java.util.Map;
import kiln.api.KilnException;

/** A callback's monitored metric and direction (Keras' mode auto: max for accuracies, else min). */
record Monitor(String metric, boolean maximize) {
  static Monitor of(String callback, Map<?, ?> settings, String dflt) {
    Object m = settings.get("monitor");
    String metric = m == null ? dflt : m.toString();
    Object modeSetting = settings.get("mode");
    String mode = modeSetting == null ? "auto" : modeSetting.toString();
    boolean max = switch (mode) {
      case "max" -> true;
      case "min" -> false;
      case "auto" -> metric.contains("acc") || metric.startsWith("fmeasure");
      default -> throw new KilnException(callback + ": mode expected auto, min or max, got " + mode);
    };
    return new Monitor(metric, max);
  }

  /** The worst possible value, the starting best. */
  double initial() {
    return maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
  }

  /** Whether {@code current} beats {@code best} by more than {@code minDelta}. */
  boolean improves(double current, double best, double minDelta) {
    return maximize ? current - Math.abs(minDelta) > best : current + Math.abs(minDelta) < best;
  }
}
