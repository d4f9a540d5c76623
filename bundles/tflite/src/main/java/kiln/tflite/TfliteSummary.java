package kiln.tflite;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import kiln.util.TextTable;
import kiln.tflite.options.AddOptions;
import kiln.tflite.options.BuiltinOptions;
import kiln.tflite.options.Conv2DOptions;
import kiln.tflite.options.DepthwiseConv2DOptions;
import kiln.tflite.options.FullyConnectedOptions;
import kiln.tflite.options.MulOptions;
import kiln.tflite.options.Pool2DOptions;
import kiln.tflite.options.TransposeConvOptions;

/**
 * The text {@code kiln:summarize} prints for a .tflite model: MLTK's op table (index, opcode,
 * inputs and outputs without the batch dimension, config), total MACs and OPs (MLTK's summary
 * convention), the model parameters, the file size, and then Kiln's tensor table with each
 * tensor's quantization (per-channel scales included).
 */
public final class TfliteSummary {
  private static final int SCALES_SHOWN = 8;

  private TfliteSummary() {}

  /**
   * @param model the model
   * @param name what to call it when its parameters have no {@code name}
   * @param fileSize the .tflite size in bytes, or -1 to leave the line out
   */
  public static String summarize(TfliteModel model, String name, long fileSize) {
    StringBuilder s = new StringBuilder();
    s.append(opTable(model));
    OpCounter.Counts c = OpCounter.count(model, OpCounter.Convention.SUMMARY);
    s.append("Total MACs: ").append(formatUnits(c.macs(), 3, true)).append('\n');
    s.append("Total OPs: ").append(formatUnits(c.ops(), 3, true)).append('\n');
    s.append(parameters(model, name));
    if (fileSize >= 0) {
      s.append(".tflite file size: ").append(formatUnits(fileSize, 1, false)).append("B\n");
    }
    s.append('\n').append("Tensors:\n").append(tensorTable(model.mainSubgraph()));
    return s.toString().strip();
  }

  /** MLTK's op table, ending with a newline. */
  public static String opTable(TfliteModel model) {
    Subgraph g = model.mainSubgraph();
    TextTable t = new TextTable("Index", "OpCode", "Input(s)", "Output(s)", "Config");
    List<Operator> ops = g.operators();
    for (int i = 0; i < ops.size(); i++) {
      Operator op = ops.get(i);
      t.row(i, op.op().displayName(), shapes(g, op.inputs()), shapes(g, op.outputs()),
          config(op));
    }
    return t.toString();
  }

  private static String shapes(Subgraph g, int[] indices) {
    List<String> lines = new ArrayList<>();
    for (int i : indices) {
      if (i >= 0) {
        lines.add(shapeWithoutBatch(g.tensor(i)) + " (" + numpyName(g.tensor(i).type()) + ")");
      }
    }
    return String.join("\n", lines);
  }

  private static String shapeWithoutBatch(Tensor t) {
    int[] s = t.shape();
    StringBuilder b = new StringBuilder();
    for (int i = s.length > 1 ? 1 : 0; i < s.length; i++) {
      b.append(b.length() > 0 ? "x" : "").append(s[i]);
    }
    return b.toString();
  }

  private static String numpyName(TensorType t) {
    return switch (t) {
      case BOOL -> "bool_";
      case STRING -> "str_";
      default -> t.displayName();
    };
  }

  /** The Config column as MLTK prints it. */
  public static String config(Operator op) {
    BuiltinOptions o = op.options();
    if (o instanceof Conv2DOptions c) {
      return "Padding:" + c.padding().displayName() + " stride:" + c.strideW() + "x" + c.strideH()
          + " activation:" + c.activation().displayName();
    } else if (o instanceof DepthwiseConv2DOptions d) {
      return "Multiplier:" + d.depthMultiplier() + " padding:" + d.padding().displayName()
          + " stride:" + d.strideW() + "x" + d.strideH() + " activation:"
          + d.activation().displayName();
    } else if (o instanceof FullyConnectedOptions f) {
      return "Activation:" + f.activation().displayName();
    } else if (o instanceof AddOptions a) {
      return "Activation:" + a.activation().displayName();
    } else if (o instanceof MulOptions m) {
      return "Activation:" + m.activation().displayName();
    } else if (o instanceof Pool2DOptions p) {
      return "Padding:" + p.padding().displayName() + " stride:" + p.strideW() + "x" + p.strideH()
          + " filter:" + p.filterWidth() + "x" + p.filterHeight() + " activation:"
          + p.activation().displayName();
    } else if (o instanceof TransposeConvOptions t) {
      return "Padding:" + t.padding().displayName() + " stride:" + t.strideW() + "x" + t.strideH();
    }
    return "BuiltinOptionsType=" + optionsTypeCode(o);
  }

  private static int optionsTypeCode(BuiltinOptions o) {
    if (o == null) {
      return 0;
    }
    String[] names = kiln.tflite.schema.BuiltinOptions.names;
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(o.typeName())) {
        return i;
      }
    }
    return 0;
  }

  /** Name, Version, Description, Classes, then every other parameter, as MLTK prints them. */
  public static String parameters(TfliteModel model, String fallbackName) {
    ModelParameters p = model.parameters();
    StringBuilder s = new StringBuilder();
    s.append("Name: ").append(p.contains("name") ? p.getString("name") : fallbackName)
        .append('\n');
    if (p.contains("version")) {
      s.append("Version: ").append(p.getString("version")).append('\n');
    }
    String description = p.contains("description") ? p.getString("description")
        : model.description();
    s.append("Description: ").append(description == null ? "" : description).append('\n');
    Object classes = p.get("classes");
    if (classes instanceof List<?> list && !list.isEmpty()) {
      s.append("Classes: ").append(String.join(", ", list.stream().map(String::valueOf).toList()))
          .append('\n');
    }
    for (var e : p.entries().entrySet()) {
      String key = e.getKey();
      if (key.equals("name") || key.equals("version") || key.equals("description")
          || key.equals("classes")) {
        continue;
      }
      ModelParameters.Value v = e.getValue();
      boolean blank = v.type() == ParamType.STRING && ((String) v.value()).isEmpty();
      if ((key.equals("hash") || key.equals("date")) && blank) {
        continue;
      }
      s.append(key).append(": ").append(v).append('\n');
    }
    return s.toString();
  }

  /** Kiln's tensor table: index, name, shape, type, quantization; ends with a newline. */
  public static String tensorTable(Subgraph g) {
    TextTable t = new TextTable("Index", "Name", "Shape", "Type", "Quantization");
    for (int i = 0; i < g.tensors().size(); i++) {
      Tensor x = g.tensor(i);
      t.row(i, x.name(), x.shapeString() + (x.hasData() ? " (constant)" : ""),
          x.type().displayName(), quantization(x.quantization()));
    }
    return t.toString();
  }

  private static String quantization(Quantization q) {
    if (q == null || q.scales().length == 0) {
      return "";
    }
    if (!q.isPerChannel()) {
      return "scale=" + PythonFormat.pyFloat(q.scale()) + " zero_point=" + q.zeroPoint();
    }
    float[] scales = q.scales();
    long[] zeros = q.zeroPoints();
    StringBuilder b = new StringBuilder("per-channel (" + scales.length + ", dimension "
        + q.quantizedDimension() + "):");
    int shown = Math.min(scales.length, SCALES_SHOWN);
    for (int i = 0; i < shown; i++) {
      b.append('\n').append("  [").append(i).append("] scale=")
          .append(PythonFormat.pyFloat(scales[i])).append(" zero_point=")
          .append(i < zeros.length ? zeros[i] : 0);
    }
    if (shown < scales.length) {
      b.append('\n').append("  ... ").append(scales.length - shown).append(" more");
    }
    return b.toString();
  }

  /** MLTK's format_units: 336000 -> "336.000 k", 21616 (precision 1, no space) -> "21.6k". */
  public static String formatUnits(double value, int precision, boolean space) {
    if (value == 0) {
      return "0";
    }
    String sign = value < 0 ? "-" : "";
    double v = Math.abs(value);
    String[] units = {"T", "G", "M", "k", "", "m", "u", "n", "p"};
    double[] divisors = {1e12, 1e9, 1e6, 1e3, 1, 1e-3, 1e-6, 1e-9, 1e-12};
    int u = divisors.length - 1;
    for (int i = 0; i < divisors.length; i++) {
      if (v >= divisors[i]) {
        u = i;
        break;
      }
    }
    String number = String.format(Locale.ROOT, "%." + precision + "f", v / divisors[u]);
    if (divisors[u] == 1) {
      return sign + number;
    }
    return sign + number + (space ? " " : "") + units[u];
  }
}
