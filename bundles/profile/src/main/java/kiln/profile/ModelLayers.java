package kiln.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import kiln.api.platform.LayerInfo;
import kiln.tflite.LayerInfos;
import kiln.tflite.OpCounter;
import kiln.tflite.Operator;
import kiln.tflite.Subgraph;
import kiln.tflite.options.AddOptions;
import kiln.tflite.options.BuiltinOptions;
import kiln.tflite.options.Conv2DOptions;
import kiln.tflite.options.DepthwiseConv2DOptions;
import kiln.tflite.options.FullyConnectedOptions;
import kiln.tflite.options.Pool2DOptions;

/**
 * Turns the main subgraph's operators into the {@link kiln.api.platform.LayerInfo}s accelerators judge ({@link LayerInfos}), with ops and
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
      layers.add(new Layer(LayerInfos.info(g, i), optionsText(ops.get(i).options())));
    }
    return layers;
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
