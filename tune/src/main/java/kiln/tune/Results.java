package kiln.tune;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The search's results: the table as text, JSON and CSV, the Pareto front (objective up, latency
 * and RAM down) and the best trial that meets the budgets.
 */
final class Results {
  private final List<TrialResult> results;
  private final String objective;

  Results(List<TrialResult> results, String objective) {
    this.results = results.stream().sorted(Comparator.comparing(TrialResult::id)).toList();
    this.objective = objective;
  }

  List<TrialResult> all() {
    return results;
  }

  /** The trained trial within every budget with the highest objective (then lowest latency, RAM), or null. */
  TrialResult best() {
    return results.stream()
        .filter(r -> r.status().equals("done") && Boolean.TRUE.equals(r.meetsBudgets()) && r.objective(objective) != null)
        .max(Comparator.<TrialResult, Double>comparing(r -> r.objective(objective))
            .thenComparing(r -> -orMax(r.latencySeconds()))
            .thenComparing(r -> -(double) orMax(r.ramBytes() == null ? null : r.ramBytes().doubleValue()))
            .thenComparing(Comparator.comparing(TrialResult::id).reversed()))
        .orElse(null);
  }

  /** Trained trials no other trained trial beats on all of objective, latency and RAM (and on one strictly). */
  List<TrialResult> paretoFront() {
    List<TrialResult> trained = plotted();
    List<TrialResult> front = new ArrayList<>();
    for (TrialResult a : trained) {
      boolean dominated = false;
      for (TrialResult b : trained) {
        if (b != a && dominates(b, a)) {
          dominated = true;
          break;
        }
      }
      if (!dominated) {
        front.add(a);
      }
    }
    return front;
  }

  /** Trained trials with an objective, a latency and a RAM figure. */
  List<TrialResult> plotted() {
    return results.stream().filter(r -> r.status().equals("done") && r.objective(objective) != null
        && r.latencySeconds() != null && r.ramBytes() != null).toList();
  }

  private boolean dominates(TrialResult b, TrialResult a) {
    double ba = b.objective(objective);
    double aa = a.objective(objective);
    boolean noWorse = ba >= aa && b.latencySeconds() <= a.latencySeconds() && b.ramBytes() <= a.ramBytes();
    boolean better = ba > aa || b.latencySeconds() < a.latencySeconds() || b.ramBytes() < a.ramBytes();
    return noWorse && better;
  }

  /** The hyper-parameter names in the order the trials list them. */
  private List<String> names() {
    Set<String> names = new LinkedHashSet<>();
    results.forEach(r -> names.addAll(r.hyperparameters().keySet()));
    return List.copyOf(names);
  }

  List<String> header() {
    List<String> h = new ArrayList<>(List.of("trial", "status"));
    h.addAll(names());
    h.addAll(List.of("epochs", "val_accuracy", "int8_accuracy", "ram_bytes", "flash_bytes", "latency_ms",
        "meets_budgets", "note"));
    return h;
  }

  List<List<String>> rows() {
    List<List<String>> rows = new ArrayList<>();
    for (TrialResult r : results) {
      List<String> row = new ArrayList<>(List.of(r.id(), r.status()));
      for (String n : names()) {
        Object v = r.hyperparameters().get(n);
        row.add(v == null ? "" : v.toString());
      }
      row.add(r.epochs() == null ? "" : r.epochs().toString());
      row.add(fmt(r.valAccuracy()));
      row.add(fmt(r.int8Accuracy()));
      row.add(r.ramBytes() == null ? "" : r.ramBytes().toString());
      row.add(r.flashBytes() == null ? "" : r.flashBytes().toString());
      row.add(r.latencySeconds() == null ? "" : String.format(Locale.ROOT, "%.3f", r.latencySeconds() * 1e3));
      row.add(r.meetsBudgets() == null ? "" : r.meetsBudgets() ? "yes" : "no");
      row.add(r.reason() == null ? "" : r.reason());
      rows.add(row);
    }
    return rows;
  }

  /** The table as aligned text columns. */
  String text() {
    List<String> h = header();
    List<List<String>> rows = rows();
    int[] w = new int[h.size()];
    for (int i = 0; i < h.size(); i++) {
      w[i] = h.get(i).length();
      for (List<String> r : rows) {
        w[i] = Math.max(w[i], r.get(i).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    line(sb, h, w);
    for (List<String> r : rows) {
      line(sb, r, w);
    }
    return sb.toString();
  }

  String csv() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.join(",", header().stream().map(Results::csvField).toList())).append('\n');
    for (List<String> r : rows()) {
      sb.append(String.join(",", r.stream().map(Results::csvField).toList())).append('\n');
    }
    return sb.toString();
  }

  String json() throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("objective", objective);
    TrialResult best = best();
    m.put("best", best == null ? null : best.id());
    m.put("pareto_front", paretoFront().stream().map(TrialResult::id).toList());
    m.put("trials", results);
    return TrialResult.JSON.writeValueAsString(m);
  }

  /** Writes results.txt, results.json and results.csv into {@code dir}. */
  void write(Path dir) throws IOException {
    Files.writeString(dir.resolve("results.txt"), text());
    Files.writeString(dir.resolve("results.json"), json());
    Files.writeString(dir.resolve("results.csv"), csv());
  }

  private static void line(StringBuilder sb, List<String> cells, int[] w) {
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i);
      boolean last = i == cells.size() - 1;
      sb.append(last ? c : c + " ".repeat(w[i] - c.length() + 2));
    }
    sb.append('\n');
  }

  private static String csvField(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  private static String fmt(Double v) {
    return v == null ? "" : String.format(Locale.ROOT, "%.4f", v);
  }

  private static double orMax(Double v) {
    return v == null ? Double.MAX_VALUE : v;
  }
}
