package kiln.tflite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kiln.api.platform.LayerInfo;
import kiln.api.platform.LayerOptions;
import kiln.tflite.options.AddOptions;
import kiln.tflite.options.BuiltinOptions;
import kiln.tflite.options.Conv2DOptions;
import kiln.tflite.options.DepthwiseConv2DOptions;
import kiln.tflite.options.FullyConnectedOptions;
import kiln.tflite.options.Pool2DOptions;
import kiln.tflite.options.TransposeConvOptions;

/**
 * An op of a .tflite as accelerator services see it ({@link LayerInfo}): opcode, tensor shapes and
 * types, the options they read ({@link LayerOptions}), and ops and MACs counted the profiler's way.
 * The profiler and the model viewer both ask accelerators about ops through it.
 */
public final class LayerInfos {
  private LayerInfos() {}

  /** The op's name as MLTK's reports print it (a custom op by its custom code). */
  public static String opcode(Operator op) {
    if (op.op() == null) {
      return "custom";
    }
    String name = op.op().displayName();
    return name.equals("custom") && op.code().customCode() != null
        ? op.code().customCode().toLowerCase(Locale.ROOT)
        : name;
  }

  /** Operator {@code index} of the subgraph as a {@link LayerInfo}. */
  public static LayerInfo info(Subgraph g, int index) {
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
}
