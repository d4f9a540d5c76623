package kiln.view;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kiln.api.platform.LayerInfo;
import kiln.api.platform.LayerOptions;
import kiln.tflite.OpCounter;
import kiln.tflite.Operator;
import kiln.tflite.Subgraph;
import kiln.tflite.Tensor;
import kiln.tflite.options.AddOptions;
import kiln.tflite.options.BuiltinOptions;
import kiln.tflite.options.Conv2DOptions;
import kiln.tflite.options.DepthwiseConv2DOptions;
import kiln.tflite.options.FullyConnectedOptions;
import kiln.tflite.options.GenericOptions;
import kiln.tflite.options.Pool2DOptions;
import kiln.tflite.options.TransposeConvOptions;

/**
 * One op as an accelerator judges it ({@link LayerInfo}, with MACs and ops counted as MLTK's
 * on-device profiler does, like {@code kiln:profile}), and every option of the op for the page.
 */
final class OpLayers {
  private OpLayers() {}

  static String opcode(Operator op) {
    if (op.op() == null) {
      return "custom";
    }
    String name = op.op().displayName();
    return name.equals("custom") && op.code().customCode() != null
        ? op.code().customCode().toLowerCase(Locale.ROOT)
        : name;
  }

  static LayerInfo info(Subgraph g, int index) {
    Operator op = g.operators().get(index);
    List<int[]> inShapes = new ArrayList<>();
    List<String> inTypes = new ArrayList<>();
    for (int k = 0; k < op.inputs().length; k++) {
      Tensor t = g.inputOf(op, k);
      inShapes.add(t == null ? null : t.shape());
      inTypes.add(t == null ? null : t.type().displayName());
    }
    List<int[]> outShapes = new ArrayList<>();
    List<String> outTypes = new ArrayList<>();
    for (int k = 0; k < op.outputs().length; k++) {
      Tensor t = g.outputOf(op, k);
      outShapes.add(t == null ? null : t.shape());
      outTypes.add(t == null ? null : t.type().displayName());
    }
    OpCounter.Counts count = OpCounter.count(g, op, OpCounter.Convention.PROFILER);
    Map<String, Object> options = acceleratorOptions(op.options());
    Tensor weights = g.inputOf(op, 1);
    if (weights != null && weights.quantization() != null
        && !weights.quantization().isEmpty() && !weights.quantization().isPerChannel()) {
      options.put(LayerOptions.WEIGHTS_ZERO_POINT, (int) weights.quantization().zeroPoint());
    }
    return new LayerInfo(index, opcode(op), inShapes, inTypes, outShapes, outTypes, options,
        count.ops(), count.macs());
  }

  /** The {@link LayerOptions} keys an accelerator reads. */
  static Map<String, Object> acceleratorOptions(BuiltinOptions o) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (o instanceof Conv2DOptions c) {
      window(m, c.padding().displayName(), c.strideW(), c.strideH());
      m.put(LayerOptions.DILATION_W, c.dilationW());
      m.put(LayerOptions.DILATION_H, c.dilationH());
      m.put(LayerOptions.ACTIVATION, c.activation().displayName());
    } else if (o instanceof DepthwiseConv2DOptions d) {
      window(m, d.padding().displayName(), d.strideW(), d.strideH());
      m.put(LayerOptions.DILATION_W, d.dilationW());
      m.put(LayerOptions.DILATION_H, d.dilationH());
      m.put(LayerOptions.DEPTH_MULTIPLIER, d.depthMultiplier());
      m.put(LayerOptions.ACTIVATION, d.activation().displayName());
    } else if (o instanceof Pool2DOptions p) {
      window(m, p.padding().displayName(), p.strideW(), p.strideH());
      m.put(LayerOptions.FILTER_W, p.filterWidth());
      m.put(LayerOptions.FILTER_H, p.filterHeight());
      m.put(LayerOptions.ACTIVATION, p.activation().displayName());
    } else if (o instanceof FullyConnectedOptions f) {
      m.put(LayerOptions.ACTIVATION, f.activation().displayName());
    } else if (o instanceof AddOptions a) {
      m.put(LayerOptions.ACTIVATION, a.activation().displayName());
    } else if (o instanceof TransposeConvOptions t) {
      window(m, t.padding().displayName(), t.strideW(), t.strideH());
    }
    return m;
  }

  private static void window(Map<String, Object> m, String padding, int strideW, int strideH) {
    m.put(LayerOptions.PADDING, padding);
    m.put(LayerOptions.STRIDE_W, strideW);
    m.put(LayerOptions.STRIDE_H, strideH);
  }

  /** Every field of the op's options as text, by name (empty when the op has none). */
  static Map<String, String> allOptions(BuiltinOptions o) {
    Map<String, String> m = new LinkedHashMap<>();
    if (o instanceof GenericOptions g) {
      g.fields().forEach((k, v) -> m.put(k, text(v)));
    } else if (o != null && o.getClass().isRecord()) {
      for (RecordComponent c : o.getClass().getRecordComponents()) {
        try {
          m.put(c.getName(), text(c.getAccessor().invoke(o)));
        } catch (ReflectiveOperationException e) {
          m.put(c.getName(), "?");
        }
      }
    }
    return m;
  }

  private static String text(Object v) {
    if (v instanceof int[] a) {
      return Arrays.toString(a);
    }
    if (v instanceof float[] a) {
      return Arrays.toString(a);
    }
    if (v instanceof Enum<?> e) {
      return e.name().toLowerCase(Locale.ROOT);
    }
    return String.valueOf(v);
  }
}
