package kiln.micro;

import java.util.ArrayList;
import java.util.List;
import kiln.api.KilnException;
import kiln.api.model.ElementType;
import kiln.micro.graph.Graph;
import kiln.micro.graph.OpInfo;
import kiln.micro.graph.OpOptions;
import kiln.micro.graph.TensorInfo;
import kiln.tflite.Operator;
import kiln.tflite.Quantization;
import kiln.tflite.Subgraph;
import kiln.tflite.TfliteModel;
import kiln.tflite.options.BuiltinOptions;
import kiln.tflite.options.ConcatenationOptions;
import kiln.tflite.options.Conv2DOptions;
import kiln.tflite.options.DepthwiseConv2DOptions;
import kiln.tflite.options.FullyConnectedOptions;
import kiln.tflite.options.LeakyReluOptions;
import kiln.tflite.options.Pool2DOptions;
import kiln.tflite.options.ReducerOptions;
import kiln.tflite.options.ReshapeOptions;
import kiln.tflite.options.SoftmaxOptions;
import kiln.tflite.options.SqueezeOptions;
import kiln.tflite.options.StridedSliceOptions;
import kiln.tflite.options.TransposeConvOptions;

/** Turns a .tflite model (read by kiln.tflite) into the micro runtime's {@link Graph}. */
public final class ModelLoader {
  private ModelLoader() {}

  public static Graph load(byte[] flatbuffer, String name) {
    TfliteModel model;
    try {
      model = TfliteModel.read(flatbuffer, name);
    } catch (KilnException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new KilnException(name + ": not a readable .tflite file (" + e.getMessage() + ")", e);
    }
    return toGraph(model, name);
  }

  /** Ops that run other subgraphs. */
  static final java.util.Set<String> CALLING_OPS = java.util.Set.of("CALL_ONCE", "IF", "WHILE");

  /**
   * Every subgraph of a .tflite model, the main one (0) first, when the main one calls others
   * (CALL_ONCE, IF, WHILE); otherwise the main one alone.
   */
  public static List<Graph> loadAll(byte[] flatbuffer, String name) {
    TfliteModel model;
    try {
      model = TfliteModel.read(flatbuffer, name);
    } catch (KilnException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new KilnException(name + ": not a readable .tflite file (" + e.getMessage() + ")", e);
    }
    if (model.subgraphs().isEmpty()) {
      throw new KilnException(name + ": the model has no subgraph");
    }
    List<Graph> graphs = new ArrayList<>();
    graphs.add(toGraph(model, name));
    // the other subgraphs matter only to ops that call them: a model without such ops runs (and
    // is validated) as its main subgraph alone, as before
    boolean calls = graphs.get(0).ops().stream()
        .anyMatch(o -> CALLING_OPS.contains(o.name()));
    for (int i = 1; calls && i < model.subgraphs().size(); i++) {
      graphs.add(toGraph(model.subgraphs().get(i), name + " subgraph " + i, name));
    }
    return graphs;
  }

  public static Graph toGraph(TfliteModel model, String name) {
    if (model.subgraphs().isEmpty()) {
      throw new KilnException(name + ": the model has no subgraph");
    }
    return toGraph(model.mainSubgraph(), name, name);
  }

  private static Graph toGraph(Subgraph sg, String graphName, String name) {
    MemoryBudget.check(sg, graphName);
    List<TensorInfo> tensors = new ArrayList<>();
    for (kiln.tflite.Tensor t : sg.tensors()) {
      tensors.add(tensorInfo(t, name));
    }
    List<OpInfo> ops = new ArrayList<>();
    int index = 0;
    for (Operator op : sg.operators()) {
      OpOptions options = options(op.options());
      options.custom = op.customOptions();
      ops.add(new OpInfo(index++, op.checkName(), op.inputs(), op.outputs(), options));
    }
    return new Graph(graphName, tensors, ops, sg.inputs(), sg.outputs());
  }

  static TensorInfo tensorInfo(kiln.tflite.Tensor t, String model) {
    ElementType type = switch (t.type()) {
      case FLOAT32 -> ElementType.FLOAT32;
      case INT32 -> ElementType.INT32;
      case UINT8 -> ElementType.UINT8;
      case INT64 -> ElementType.INT64;
      case INT16 -> ElementType.INT16;
      case INT8 -> ElementType.INT8;
      case BOOL -> ElementType.BOOL;
      // a resource handle (VAR_HANDLE's output) holds the int32 id of a resource variable
      case RESOURCE -> ElementType.INT32;
      default -> throw new KilnException(model + ": tensor '" + t.name() + "' has type "
          + t.type() + ", which the micro runtime does not support");
    };
    Quantization q = t.quantization();
    float[] scales = q == null || q.isEmpty() || q.scales() == null ? new float[0] : q.scales();
    long[] zps = q == null || q.isEmpty() || q.zeroPoints() == null ? new long[0] : q.zeroPoints();
    if (zps.length == 0 && scales.length > 0) {
      zps = new long[scales.length];
    }
    int qd = q == null ? 0 : q.quantizedDimension();
    byte[] data = t.hasData() ? t.data() : null;
    if (data != null && data.length == 0) {
      data = null;
    }
    return new TensorInfo(t.name(), type, t.shape(), scales, zps, qd, data, t.isVariable());
  }

  static OpOptions options(BuiltinOptions o) {
    OpOptions r = new OpOptions();
    if (o instanceof kiln.tflite.options.GenericOptions g) {
      r.fields = g.fields();
    }
    if (o instanceof Conv2DOptions c) {
      r.padding = c.padding().ordinal();
      r.strideW = c.strideW();
      r.strideH = c.strideH();
      r.activation = c.activation().ordinal();
      r.dilationW = c.dilationW();
      r.dilationH = c.dilationH();
    } else if (o instanceof DepthwiseConv2DOptions c) {
      r.padding = c.padding().ordinal();
      r.strideW = c.strideW();
      r.strideH = c.strideH();
      r.depthMultiplier = c.depthMultiplier();
      r.activation = c.activation().ordinal();
      r.dilationW = c.dilationW();
      r.dilationH = c.dilationH();
    } else if (o instanceof FullyConnectedOptions c) {
      r.activation = c.activation().ordinal();
      r.weightsFormat = c.weightsFormat();
      r.keepNumDims = c.keepNumDims();
    } else if (o instanceof Pool2DOptions c) {
      r.padding = c.padding().ordinal();
      r.strideW = c.strideW();
      r.strideH = c.strideH();
      r.filterW = c.filterWidth();
      r.filterH = c.filterHeight();
      r.activation = c.activation().ordinal();
    } else if (o instanceof SoftmaxOptions c) {
      r.beta = c.beta();
    } else if (o instanceof ReshapeOptions c) {
      r.newShape = c.newShape();
    } else if (o instanceof kiln.tflite.options.AddOptions c) {
      r.activation = c.activation().ordinal();
    } else if (o instanceof kiln.tflite.options.SubOptions c) {
      r.activation = c.activation().ordinal();
    } else if (o instanceof kiln.tflite.options.MulOptions c) {
      r.activation = c.activation().ordinal();
    } else if (o instanceof ConcatenationOptions c) {
      r.axis = c.axis();
      r.activation = c.activation().ordinal();
    } else if (o instanceof ReducerOptions c) {
      r.keepDims = c.keepDims();
    } else if (o instanceof SqueezeOptions c) {
      r.squeezeDims = c.squeezeDims();
    } else if (o instanceof StridedSliceOptions c) {
      r.beginMask = c.beginMask();
      r.endMask = c.endMask();
      r.ellipsisMask = c.ellipsisMask();
      r.newAxisMask = c.newAxisMask();
      r.shrinkAxisMask = c.shrinkAxisMask();
      r.offset = c.offset();
    } else if (o instanceof TransposeConvOptions c) {
      r.padding = c.padding().ordinal();
      r.strideW = c.strideW();
      r.strideH = c.strideH();
      r.activation = c.activation().ordinal();
    } else if (o instanceof LeakyReluOptions c) {
      r.alpha = c.alpha();
    } else if (o instanceof kiln.tflite.options.SVDFOptions c) {
      r.rank = c.rank();
      r.activation = c.activation().ordinal();
    } else if (o instanceof kiln.tflite.options.UnidirectionalSequenceLSTMOptions c) {
      r.activation = c.activation().ordinal();
      r.cellClip = c.cellClip();
      r.projClip = c.projClip();
      r.timeMajor = c.timeMajor();
    } else if (o instanceof kiln.tflite.options.DivOptions c) {
      r.activation = c.activation().ordinal();
    } else if (o instanceof kiln.tflite.options.GenericOptions g) {
      if (g.fields().get("axis") instanceof Number axis) {
        r.axis = axis.intValue(); // PackOptions, ExpandDims has its axis as an input
      }
      if (g.fields().get("initSubgraphIndex") instanceof Number index) {
        r.subgraph = index.intValue(); // CallOnceOptions
      }
      if (g.fields().get("thenSubgraphIndex") instanceof Number then) {
        r.thenSubgraph = then.intValue(); // IfOptions
      }
      if (g.fields().get("elseSubgraphIndex") instanceof Number otherwise) {
        r.elseSubgraph = otherwise.intValue();
      }
      if (g.fields().get("condSubgraphIndex") instanceof Number cond) {
        r.thenSubgraph = cond.intValue(); // WhileOptions: the condition in the then slot
      }
      if (g.fields().get("bodySubgraphIndex") instanceof Number body) {
        r.elseSubgraph = body.intValue(); // and the body in the else slot
      }
      if (g.fields().get("container") instanceof String container) {
        r.container = container; // VarHandleOptions
      }
      if (g.fields().get("sharedName") instanceof String sharedName) {
        r.sharedName = sharedName;
      }
    }
    return r;
  }
}
