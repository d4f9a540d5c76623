package kiln.platform.cortexm;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kiln.api.platform.LayerInfo;
import kiln.api.platform.LayerOptions;

/**
 * The published EFR32xG24 board measurements in {@code fixtures/mvp/} (layers.csv, models.csv),
 * read at test time and turned into the {@link LayerInfo}s a profiler would build. The folder is
 * the system property {@code kiln.fixtures} (default {@code ../shared/fixtures} beside the
 * checkout); tests that need it are skipped, with the path, where it is absent.
 */
public final class Measurements {
  /** One measured layer. */
  public record Layer(
      String model,
      String accelerator,
      LayerInfo info,
      double accCycles,
      double cpuCycles,
      String supported,
      String errorMsg) {}

  /** One measured model (a profiling report). */
  public record Model(String model, String accelerator, double accCycles, double cpuCycles) {}

  private Measurements() {}

  /** The fixtures folder, or a skipped test when it is absent. */
  public static Path fixtures() {
    Path dir = Paths.get(System.getProperty("kiln.fixtures", "../../../shared/fixtures"));
    assumeTrue(Files.isDirectory(dir.resolve("mvp")), "fixtures not found at " + dir.toAbsolutePath());
    return dir;
  }

  public static List<Layer> layers() throws IOException {
    List<Map<String, String>> rows = csv(fixtures().resolve("mvp/layers.csv"));
    List<Layer> layers = new ArrayList<>();
    for (Map<String, String> r : rows) {
      List<int[]> ins = new ArrayList<>();
      for (String s : r.get("input_shapes").split(",")) {
        ins.add(shape(s));
      }
      List<String> types = new ArrayList<>();
      for (int i = 0; i < ins.size(); i++) {
        types.add(i == 2 ? "int32" : "int8");
      }
      LayerInfo info =
          new LayerInfo(
              Integer.parseInt(r.get("layer_index")),
              r.get("opcode"),
              ins,
              types,
              List.of(shape(r.get("output_shape"))),
              List.of("int8"),
              options(r.get("options")),
              (long) number(r.get("ops")),
              // The reports round MACs to two to four significant digits (2.4M for 2,359,296):
              // no count, so the cycle models count MACs from the exact shapes, as Kiln's op
              // counter does.
              0);
      layers.add(
          new Layer(
              r.get("model"),
              r.get("accelerator"),
              info,
              number(r.get("acc_cycles")),
              number(r.get("cpu_cycles")),
              r.get("supported"),
              r.get("error_msg")));
    }
    return layers;
  }

  public static List<Model> models() throws IOException {
    List<Model> models = new ArrayList<>();
    for (Map<String, String> r : csv(fixtures().resolve("mvp/models.csv"))) {
      models.add(
          new Model(
              r.get("model"),
              r.get("accelerator"),
              number(r.get("acc_cycles")),
              number(r.get("cpu_cycles"))));
    }
    return models;
  }

  private static final Pattern PAIR = Pattern.compile("(\\w+):(\\w+)");

  /** MLTK's option text ({@code Padding:same stride:2x2 filter:2x2 activation:relu}); sizes are WxH. */
  static Map<String, Object> options(String text) {
    Map<String, Object> o = new LinkedHashMap<>();
    Matcher m = PAIR.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      String key = m.group(1);
      String value = m.group(2);
      switch (key) {
        case "padding" -> o.put(LayerOptions.PADDING, value);
        case "activation" -> o.put(LayerOptions.ACTIVATION, value);
        case "multiplier" -> o.put(LayerOptions.DEPTH_MULTIPLIER, Integer.parseInt(value));
        case "stride" -> {
          String[] wh = value.split("x");
          o.put(LayerOptions.STRIDE_W, Integer.parseInt(wh[0]));
          o.put(LayerOptions.STRIDE_H, Integer.parseInt(wh[1]));
        }
        case "filter" -> {
          String[] wh = value.split("x");
          o.put(LayerOptions.FILTER_W, Integer.parseInt(wh[0]));
          o.put(LayerOptions.FILTER_H, Integer.parseInt(wh[1]));
        }
        default -> {}
      }
    }
    return o;
  }

  static int[] shape(String s) {
    if (s.isBlank()) {
      return new int[0];
    }
    String[] parts = s.split("x");
    int[] shape = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      shape[i] = Integer.parseInt(parts[i].trim());
    }
    return shape;
  }

  static double number(String s) {
    return s == null || s.isBlank() ? 0 : Double.parseDouble(s);
  }

  /** A small RFC-4180 reader: quoted fields may hold commas. */
  static List<Map<String, String>> csv(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    List<String> header = fields(lines.get(0));
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      List<String> f = fields(line);
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        row.put(header.get(i), i < f.size() ? f.get(i) : "");
      }
      rows.add(row);
    }
    return rows;
  }

  private static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
