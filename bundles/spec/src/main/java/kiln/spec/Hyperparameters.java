package kiln.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A spec's search space and one point of it, in the spirit of Keras Tuner's {@code HyperParameters}.
 * A spec calls {@code hp.choice("filters", 8, 16, 32)}, {@code hp.intRange(...)},
 * {@code hp.floatRange(...)} or {@code hp.bool(...)} in its constructor or {@code buildModel()}; each
 * call declares a hyper-parameter and returns its value in this trial: the assignment's
 * ({@code ./kiln train NAME --hp KEY=VALUE}), else the default (the first choice, the lower bound,
 * false). A spec without such calls is a space of one point and trains exactly as before.
 */
public final class Hyperparameters {
  /** One declared hyper-parameter; {@link #describe()} is its JSON form for {@code kiln:tune_space}. */
  public sealed interface Param permits Choice, IntRange, FloatRange, Bool {
    String name();

    /** The value when the assignment has none. */
    Object defaultValue();

    /** The parameter as a JSON-ready map: name, type and its range or values. */
    Map<String, Object> describe();
  }

  /** One of a list of values (numbers, strings or booleans). */
  public record Choice(String name, List<Object> values) implements Param {
    @Override
    public Object defaultValue() {
      return values.get(0);
    }

    @Override
    public Map<String, Object> describe() {
      return map(name, "choice", "values", values);
    }
  }

  /** An int in [lo, hi] on the grid lo, lo + step, ... */
  public record IntRange(String name, int lo, int hi, int step) implements Param {
    @Override
    public Object defaultValue() {
      return lo;
    }

    @Override
    public Map<String, Object> describe() {
      Map<String, Object> m = map(name, "int", "lo", lo);
      m.put("hi", hi);
      m.put("step", step);
      return m;
    }
  }

  /** A double in [lo, hi], sampled uniformly, or uniformly in its logarithm when {@code log}. */
  public record FloatRange(String name, double lo, double hi, boolean log) implements Param {
    @Override
    public Object defaultValue() {
      return lo;
    }

    @Override
    public Map<String, Object> describe() {
      Map<String, Object> m = map(name, "float", "lo", lo);
      m.put("hi", hi);
      m.put("log", log);
      return m;
    }
  }

  /** true or false. */
  public record Bool(String name) implements Param {
    @Override
    public Object defaultValue() {
      return false;
    }

    @Override
    public Map<String, Object> describe() {
      return map(name, "bool", "values", List.of(false, true));
    }
  }

  // the assignment a spec under construction gets (see forConstruction); set by the model finder
  private static final ThreadLocal<Map<String, String>> LOADING = new ThreadLocal<>();

  private final Map<String, String> assignment;
  private final Map<String, Param> declared = new LinkedHashMap<>();
  private final Map<String, Object> chosen = new LinkedHashMap<>();

  /** A point of the space: hyper-parameter name to its value as text ({@code "16"}, {@code "0.001"}). */
  public Hyperparameters(Map<String, String> assignment) {
    this.assignment = Map.copyOf(Objects.requireNonNull(assignment, "assignment"));
  }

  /** Every hyper-parameter at its default. */
  public Hyperparameters() {
    this(Map.of());
  }

  /**
   * The object {@link KilnModel#hp} starts as: the assignment the model finder is loading the spec
   * with on this thread, else none (every default).
   */
  static Hyperparameters forConstruction() {
    Map<String, String> a = LOADING.get();
    return new Hyperparameters(a == null ? Map.of() : a);
  }

  /**
   * Runs {@code construct} (a spec's constructor) so that the spec's {@code hp} has {@code assignment}.
   * For model finders; the assignment is the finder's to check afterwards ({@link #checkAssigned()}).
   */
  public static <T> T constructWith(Map<String, String> assignment, java.util.function.Supplier<T> construct) {
    Map<String, String> before = LOADING.get();
    LOADING.set(assignment);
    try {
      return construct.get();
    } finally {
      if (before == null) {
        LOADING.remove();
      } else {
        LOADING.set(before);
      }
    }
  }

  /** One of {@code values}; the first by default. */
  @SafeVarargs
  public final <T> T choice(String name, T... values) {
    if (values == null || values.length == 0) {
      throw problem(name, "hp.choice needs at least one value");
    }
    List<Object> list = new ArrayList<>();
    for (T v : values) {
      if (!(v instanceof Number || v instanceof String || v instanceof Boolean)) {
        throw problem(name, "hp.choice values must be numbers, strings or booleans, got " + v);
      }
      list.add(v);
    }
    Param p = declare(new Choice(name, Collections.unmodifiableList(list)));
    String text = assignment.get(name);
    if (text == null) {
      return values[0];
    }
    for (T v : values) {
      if (same(v, text)) {
        record(p, v);
        return v;
      }
    }
    throw problem(name, "the assigned value " + text + " is not one of " + list);
  }

  /** An int in [lo, hi]; lo by default. */
  public int intRange(String name, int lo, int hi) {
    return intRange(name, lo, hi, 1);
  }

  /** An int in [lo, hi] on the grid lo, lo + step, ...; lo by default. */
  public int intRange(String name, int lo, int hi, int step) {
    if (hi < lo || step < 1) {
      throw problem(name, "hp.intRange needs lo <= hi and step >= 1, got lo " + lo + ", hi " + hi + ", step " + step);
    }
    Param p = declare(new IntRange(name, lo, hi, step));
    String text = assignment.get(name);
    if (text == null) {
      return lo;
    }
    int v;
    try {
      v = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw problem(name, "the assigned value " + text + " is not an integer");
    }
    if (v < lo || v > hi || (v - lo) % step != 0) {
      throw problem(name, "the assigned value " + v + " is not in [" + lo + ", " + hi + "]"
          + (step == 1 ? "" : " on steps of " + step + " from " + lo));
    }
    record(p, v);
    return v;
  }

  /** A double in [lo, hi], searched on a log scale when {@code log} (learning rates); lo by default. */
  public double floatRange(String name, double lo, double hi, boolean log) {
    if (!(lo <= hi) || (log && lo <= 0)) {
      throw problem(name, "hp.floatRange needs lo <= hi" + (log ? " and lo > 0 on a log scale" : "")
          + ", got lo " + lo + ", hi " + hi);
    }
    Param p = declare(new FloatRange(name, lo, hi, log));
    String text = assignment.get(name);
    if (text == null) {
      return lo;
    }
    double v;
    try {
      v = Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw problem(name, "the assigned value " + text + " is not a number");
    }
    if (!(v >= lo && v <= hi)) {
      throw problem(name, "the assigned value " + text + " is not in [" + lo + ", " + hi + "]");
    }
    record(p, v);
    return v;
  }

  /** true or false; false by default. */
  public boolean bool(String name) {
    Param p = declare(new Bool(name));
    String text = assignment.get(name);
    if (text == null) {
      return false;
    }
    if (!text.equals("true") && !text.equals("false")) {
      throw problem(name, "the assigned value " + text + " is not true or false");
    }
    boolean v = Boolean.parseBoolean(text);
    record(p, v);
    return v;
  }

  /** The declared hyper-parameters, in the order the spec first declared them. */
  public List<Param> space() {
    return List.copyOf(declared.values());
  }

  /** The value of every declared hyper-parameter in this trial (assigned or default), by name. */
  public Map<String, Object> values() {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Param p : declared.values()) {
      out.put(p.name(), chosen.getOrDefault(p.name(), p.defaultValue()));
    }
    return out;
  }

  /** The assignment this spec was loaded with. */
  public Map<String, String> assignment() {
    return assignment;
  }

  /**
   * Checks that the spec declared every assigned name (a misspelt {@code --hp} would otherwise be
   * ignored silently); call after the spec's constructor and {@code buildModel()} ran.
   */
  public void checkAssigned() {
    for (String name : new java.util.TreeSet<>(assignment.keySet())) {
      if (!declared.containsKey(name)) {
        throw new SettingException("hyperparameters", "hp", "--hp " + name + ": the spec declares no hyper-parameter '"
            + name + "'; it declares " + (declared.isEmpty() ? "none" : String.join(", ", declared.keySet())));
      }
    }
  }

  private Param declare(Param p) {
    if (p.name() == null || p.name().isBlank()) {
      throw new SettingException("hyperparameters", "hp", "a hyper-parameter needs a name, got " + p.name());
    }
    Param before = declared.putIfAbsent(p.name(), p);
    if (before != null && !before.equals(p)) {
      // the constructor and buildModel() may ask for the same one; a different definition is a mistake
      throw problem(p.name(), "declared twice differently: " + before.describe() + " and " + p.describe());
    }
    return p;
  }

  private void record(Param p, Object v) {
    chosen.put(p.name(), v);
  }

  private static boolean same(Object v, String text) {
    if (v instanceof Number n) {
      try {
        return Double.parseDouble(text.trim()) == n.doubleValue();
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return v.toString().equals(text);
  }

  private static SettingException problem(String name, String message) {
    return new SettingException("hyperparameters", "hp", "hyper-parameter '" + name + "': " + message);
  }

  private static Map<String, Object> map(String name, String type, String key, Object value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("type", type);
    m.put(key, value);
    return m;
  }
}
