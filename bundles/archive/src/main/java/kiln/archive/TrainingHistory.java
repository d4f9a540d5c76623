package kiln.archive;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kiln.api.KilnException;
import kiln.util.json.Json;

/**
 * Per-epoch training metrics in the layout of MLTK's {@code train/training-history.json}:
 * {@code {"epochs": [0, 1, ...], "params": {...}, "history": {"loss": [...], "accuracy": [...],
 * "val_loss": [...], "val_accuracy": [...], "lr": [...]}}}.
 *
 * @param epochs the epoch numbers (0-based, as Keras counts)
 * @param params run parameters (epochs, steps, verbose as Keras records them)
 * @param history values per metric name, one per epoch
 */
public record TrainingHistory(
    List<Integer> epochs, Map<String, Object> params, Map<String, List<Double>> history) {

  public TrainingHistory {
    epochs = List.copyOf(epochs);
    params = new LinkedHashMap<>(params);
    Map<String, List<Double>> copy = new LinkedHashMap<>();
    history.forEach((k, v) -> copy.put(k, new ArrayList<>(v)));
    history = copy;
  }

  /**
   * A history of consecutive epochs starting at {@code firstEpoch} (a trainer's
   * {@code TrainResult.history()}, e.g. after {@code --resume}).
   */
  public static TrainingHistory of(
      Map<String, List<Double>> history, int firstEpoch, Map<String, Object> params) {
    int n = history.values().stream().mapToInt(List::size).max().orElse(0);
    List<Integer> epochs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      epochs.add(firstEpoch + i);
    }
    return new TrainingHistory(epochs, params, history);
  }

  /** The first epoch's number (0 when empty). */
  public int firstEpoch() {
    return epochs.isEmpty() ? 0 : epochs.get(0);
  }

  /**
   * This history followed by {@code later} (a resumed run): epochs the later one repeats are
   * taken from it.
   */
  public TrainingHistory append(TrainingHistory later) {
    int cut = later.epochs.isEmpty() ? epochs.size() : 0;
    while (cut < epochs.size() && epochs.get(cut) < later.firstEpoch()) {
      cut++;
    }
    List<Integer> e = new ArrayList<>(epochs.subList(0, cut));
    e.addAll(later.epochs);
    Map<String, List<Double>> h = new LinkedHashMap<>();
    for (String k : union(history.keySet(), later.history.keySet())) {
      List<Double> a = new ArrayList<>(pad(history.get(k), epochs.size()).subList(0, cut));
      a.addAll(pad(later.history.get(k), later.epochs.size()));
      h.put(k, a);
    }
    Map<String, Object> p = new LinkedHashMap<>(params);
    p.putAll(later.params);
    return new TrainingHistory(e, p, h);
  }

  /** The JSON text, MLTK's layout. */
  public String toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("epochs", epochs);
    m.put("params", params);
    m.put("history", history);
    return Json.write(m);
  }

  /**
   * Reads MLTK's or Kiln's {@code training-history.json}.
   *
   * @throws KilnException naming {@code what} when a part is missing or of the wrong type
   */
  @SuppressWarnings("unchecked")
  public static TrainingHistory fromJson(String text, String what) {
    Map<String, Object> m = Json.parseObject(text, what);
    if (!(m.get("history") instanceof Map)) {
      throw new KilnException(what + ": expected an object \"history\" of metric lists");
    }
    Map<String, List<Double>> h = new LinkedHashMap<>();
    ((Map<String, Object>) m.get("history"))
        .forEach(
            (k, v) -> {
              if (!(v instanceof List)) {
                throw new KilnException(what + ": history." + k + " should be a list of numbers");
              }
              List<Double> l = new ArrayList<>();
              for (Object x : (List<Object>) v) {
                l.add(x instanceof Number n ? n.doubleValue() : Double.NaN);
              }
              h.put(k, l);
            });
    List<Integer> epochs = new ArrayList<>();
    if (m.get("epochs") instanceof List<?> l) {
      for (Object x : l) {
        epochs.add(((Number) x).intValue());
      }
    }
    Map<String, Object> params =
        m.get("params") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
    return new TrainingHistory(epochs, params, h);
  }

  /**
   * The epoch number of the first value of each curve, for plotting: MLTK records only the last run's
   * epoch numbers, so after a resume the curves start at 0 even though they cover every value listed.
   */
  public int plotFirstEpoch() {
    int n = history.values().stream().mapToInt(List::size).max().orElse(0);
    return epochs.size() == n ? firstEpoch() : 0;
  }

  private static List<String> union(Iterable<String> a, Iterable<String> b) {
    List<String> out = new ArrayList<>();
    a.forEach(out::add);
    for (String k : b) {
      if (!out.contains(k)) {
        out.add(k);
      }
    }
    return out;
  }

  private static List<Double> pad(List<Double> l, int n) {
    List<Double> out = l == null ? new ArrayList<>() : new ArrayList<>(l);
    while (out.size() < n) {
      out.add(Double.NaN);
    }
    return out;
  }
}
