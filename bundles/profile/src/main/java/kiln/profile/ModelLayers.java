package kiln.profile;

import java.util.ArrayList;
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
import kiln.tflite.options.Pool2DOptions;
import kiln.tflite.options.TransposeConvOptions;

/**
 * Turns the main subgraph's operators into the {@link LayerInfo}s accelerators judge, with ops and
 * MACs as MLTK's on-device profiler counts them ({@link OpCounter.Convention#PROFILER}), plus the
 * option text MLTK's report prints ({@code Padding:same stride:2x2 activation:relu}, sizes W x H).
 */
final class ModelLayers {
  /** One op as the profiler sees it. */
  record Layer(LayerInfo info, String optionsText) {}

  private ModelLayers() {}

  static List<Layer> of(Subgraph g) {
    List<Layer> layers = new ArrayList<>();
    List<Operator> ops = g.operators();
    for (int i = 0; i < ops.size(); i++) {
      Operator op = ops.get(i);
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
      Map<String, Object> options = options(op.options());
      Tensor weights = g.inputOf(op, 1);
      if (weights != null && weights.quantization() != null
          && !weights.quantization().isEmpty() && !weights.quantization().isPerChannel()) {
        options.put(LayerOptions.WEIGHTS_ZERO_POINT, (int) weights.quantization().zeroPoint());
      }
      LayerInfo info = new LayerInfo(i, opcode(op), inShapes, inTypes, outShapes, outTypes,
          options, count.ops(), count.macs());
      layers.add(new Layer(info, optionsText(op.options())));
    }
    return layers;
  }

  static String opcode(Operator op) {
    if (op.op() == null) {
      return "custom";
    }
    String name = op.op().displayName();
    return name.equals("custom") && op.code().customCode() != null
        ? op.code().customCode().toLowerCase(Locale.ROOT)
        : name;
  }

  static Map<String, Object> options(BuiltinOptions o) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (o instanceof Conv2DOptions c) {
      m.put(LayerOptions.PADDING, c.padding().displayName());
      m.put(LayerOptions.STRIDE_W, c.strideW());
      m.put(LayerOptions.STRIDE_H, c.strideH());
      m.put(LayerOptions.DILATION_W, c.dilationW());
      m.put(LayerOptions.DILATION_H, c.dilationH());
      m.put(LayerOptions.ACTIVATION, c.activation().displayName());
    } else if (o instanceof DepthwiseConv2DOptions d) {
      m.put(LayerOptions.PADDING, d.padding().displayName());
      m.put(LayerOptions.STRIDE_W, d.strideW());
      m.put(LayerOptions.STRIDE_H, d.strideH());
      m.put(LayerOptions.DILATION_W, d.dilationW());
      m.put(LayerOptions.DILATION_H, d.dilationH());
      m.put(LayerOptions.DEPTH_MULTIPLIER, d.depthMultiplier());
      m.put(LayerOptions.ACTIVATION, d.activation().displayName());
    } else if (o instanceof Pool2DOptions p) {
      m.put(LayerOptions.PADDING, p.padding().displayName());
      m.put(LayerOptions.STRIDE_W, p.strideW());
      m.put(LayerOptions.STRIDE_H, p.strideH());
      m.put(LayerOptions.FILTER_W, p.filterWidth());
      m.put(LayerOptions.FILTER_H, p.filterHeight());
      m.put(LayerOptions.ACTIVATION, p.activation().displayName());
    } else if (o instanceof FullyConnectedOptions f) {
      m.put(LayerOptions.ACTIVATION, f.activation().displayName());
    } else if (o instanceof AddOptions a) {
      m.put(LayerOptions.ACTIVATION, a.activation().displayName());
    } else if (o instanceof TransposeConvOptions t) {
      m.put(LayerOptions.PADDING, t.padding().displayName());
      m.put(LayerOptions.STRIDE_W, t.strideW());
      m.put(LayerOptions.STRIDE_H, t.strideH());
    }
    return m;
  }

  /** MLTK's option column: the main settings, or {@code Type=<options type>} for the rest. */
  static String optionsText(BuiltinOptions o) {
    if (o instanceof Conv2DOptions c) {
      return String.format(Locale.ROOT, "Padding:%s stride:%dx%d activation:%s",
          c.padding().displayName(), c.strideW(), c.strideH(), c.activation().displayName());
    }
    if (o instanceof DepthwiseConv2DOptions d) {
      return String.format(Locale.ROOT, "Multiplier:%d padding:%s stride:%dx%d activation:%s",
          d.depthMultiplier(), d.padding().displayName(), d.strideW(), d.strideH(),
          d.activation().displayName());
    }
    if (o instanceof Pool2DOptions p) {
      return String.format(Locale.ROOT, "Padding:%s stride:%dx%d filter:%dx%d activation:%s",
          p.padding().displayName(), p.strideW(), p.strideH(), p.filterWidth(), p.filterHeight(),
          p.activation().displayName());
    }
    if (o instanceof FullyConnectedOptions f) {
      return "Activation:" + f.activation().displayName();
    }
    if (o instanceof AddOptions a) {
      return "Activation:" + a.activation().displayName();
    }
    return "Type=" + (o == null ? "none" : o.typeName().toLowerCase(Locale.ROOT));
  }
}
