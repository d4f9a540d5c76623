package kiln.tune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A spec's search space as {@code kiln:tune_space} prints it, and the trials drawn from it: the grid
 * (every combination, the last parameter changing fastest) or random points. Trial 0 is always the
 * spec's defaults, which is what {@code ./kiln train NAME} trains.
 */
public final class SearchSpace {
  /** One hyper-parameter: its name and the values a grid takes (floats: lower bound, middle, upper bound). */
  record Param(String name, String type, List<Object> gridValues, double lo, double hi, boolean log) {}

  /** Points a float range contributes to a grid. */
  static final int FLOAT_GRID_POINTS = 3;

  private final List<Param> params;

  SearchSpace(List<Param> params) {
    this.params = List.copyOf(params);
  }

  /** Parses kiln:tune_space's JSON ({@code {"model": ..., "parameters": [...]}}). */
  public static SearchSpace parse(String json) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException("kiln tune_space printed no valid JSON: " + e.getMessage() + "\n" + json);
    }
    JsonNode ps = root.path("parameters");
    if (!ps.isArray()) {
      throw new IllegalStateException("kiln tune_space: expected a \"parameters\" array, got\n" + json);
    }
    List<Param> out = new ArrayList<>();
    for (JsonNode p : ps) {
      String name = p.path("name").asText();
      String type = p.path("type").asText();
      switch (type) {
        case "choice", "bool" -> {
          List<Object> values = new ArrayList<>();
          p.path("values").forEach(v -> values.add(scalar(v)));
          out.add(new Param(name, type, values, 0, 0, false));
        }
        case "int" -> {
          int lo = p.path("lo").asInt();
          int hi = p.path("hi").asInt();
          int step = Math.max(1, p.path("step").asInt(1));
          List<Object> values = new ArrayList<>();
          for (long v = lo; v <= hi; v += step) {
            values.add((int) v);
          }
          out.add(new Param(name, type, values, lo, hi, false));
        }
        case "float" -> {
          double lo = p.path("lo").asDouble();
          double hi = p.path("hi").asDouble();
          boolean log = p.path("log").asBoolean();
          double mid = log ? Math.sqrt(lo * hi) : (lo + hi) / 2;
          List<Object> values = lo == hi ? List.of(lo) : List.of(lo, round(mid), hi);
          out.add(new Param(name, type, values, lo, hi, log));
        }
        default -> throw new IllegalStateException("kiln tune_space: hyper-parameter " + name
            + " has an unknown type '" + type + "'");
      }
    }
    return new SearchSpace(out);
  }

  List<Param> params() {
    return params;
  }

  /** Points of the grid (floats counted at {@value #FLOAT_GRID_POINTS} points). */
  public long gridSize() {
    long n = 1;
    for (Param p : params) {
      n = Math.multiplyExact(n, p.gridValues().size());
    }
    return n;
  }

  /** The first {@code limit} points of the grid (trial 0: every parameter at its first value). */
  public List<Map<String, Object>> grid(int limit) {
    List<Map<String, Object>> out = new ArrayList<>();
    long size = gridSize();
    for (long k = 0; k < size && out.size() < limit; k++) {
      Map<String, Object> point = new LinkedHashMap<>();
      long rest = k;
      // mixed radix, last parameter fastest
      Object[] chosen = new Object[params.size()];
      for (int i = params.size() - 1; i >= 0; i--) {
        List<Object> values = params.get(i).gridValues();
        chosen[i] = values.get((int) (rest % values.size()));
        rest /= values.size();
      }
      for (int i = 0; i < params.size(); i++) {
        point.put(params.get(i).name(), chosen[i]);
      }
      out.add(point);
    }
    return out;
  }

  /**
   * {@code count} distinct points: the defaults, then random ones (seeded), fewer when the space has
   * fewer points.
   */
  public List<Map<String, Object>> random(int count, long seed) {
    Random r = new Random(seed);
    List<Map<String, Object>> out = new ArrayList<>();
    Set<Map<String, Object>> seen = new HashSet<>();
    Map<String, Object> defaults = grid(1).get(0);
    out.add(defaults);
    seen.add(defaults);
    boolean continuous = params.stream().anyMatch(p -> p.type().equals("float") && p.lo() != p.hi());
    long size = continuous ? Long.MAX_VALUE : gridSize();
    // a space smaller than asked for: every point; give up after many repeats of drawn points
    for (int tries = 0; out.size() < Math.min(count, size) && tries < 100 * count; tries++) {
      Map<String, Object> point = new LinkedHashMap<>();
      for (Param p : params) {
        point.put(p.name(), sample(p, r));
      }
      if (seen.add(point)) {
        out.add(point);
      }
    }
    return out;
  }

  private static Object sample(Param p, Random r) {
    if (!p.type().equals("float")) {
      return p.gridValues().get(r.nextInt(p.gridValues().size()));
    }
    double u = r.nextDouble();
    double v = p.log() ? Math.exp(Math.log(p.lo()) + u * (Math.log(p.hi()) - Math.log(p.lo())))
        : p.lo() + u * (p.hi() - p.lo());
    return Math.min(p.hi(), Math.max(p.lo(), round(v)));
  }

  // 4 significant digits: readable settings, and the value's text parses back to the same double
  private static double round(double v) {
    return new BigDecimal(v).round(new MathContext(4)).doubleValue();
  }

  private static Object scalar(JsonNode v) {
    if (v.isInt() || v.isLong()) {
      return v.asLong() == (int) v.asLong() ? (Object) v.asInt() : (Object) v.asLong();
    }
    if (v.isNumber()) {
      return v.asDouble();
    }
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    return v.asText();
  }
}
