package kiln.micro;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kiln.micro.graph.Graph;
import kiln.micro.graph.OpInfo;
import kiln.micro.graph.OpOptions;
import kiln.micro.graph.TensorInfo;
import kiln.tflite.BuiltinOp;
import kiln.tflite.Operator;
import kiln.tflite.Quantization;
import kiln.tflite.Subgraph;
import kiln.tflite.Tensor;
import kiln.tflite.TensorType;
import kiln.tflite.arena.ArenaModel;
import kiln.tflite.arena.ArenaReport;
import kiln.tflite.arena.Target;
import kiln.tflite.arena.TflmKernels;
import kiln.tflite.options.GenericOptions;

/**
 * The runtime's arena: Kiln's one arena model ({@link ArenaModel}: TFLite Micro's
 * {@code arena_used_bytes()} on a 32-bit device with its reference kernels) of a model's
 * {@link Graph}s, which it reads back as the .tflite structure they came from (tensor types,
 * shapes, constants, variables, quantization; op codes, tensors and the few options the reference
 * kernels' arena use depends on: BATCH_MATMUL's adj_x / adj_y, SVDF's rank, LSTM's time_major,
 * the subgraphs IF, WHILE and CALL_ONCE run, VAR_HANDLE's names).
 */
final class GraphArena {
  private GraphArena() {}

  static ArenaReport estimate(Graph g) {
    return estimate(List.of(g));
  }

  /** The arena of a model's subgraphs, the main one first. */
  static ArenaReport estimate(List<Graph> graphs) {
    List<Subgraph> model = new ArrayList<>();
    for (Graph g : graphs) {
      model.add(subgraph(g));
    }
    return ArenaModel.estimate(model, Target.CORTEX_M, TflmKernels.REFERENCE);
  }

  static Subgraph subgraph(Graph g) {
    List<Tensor> tensors = new ArrayList<>();
    for (TensorInfo t : g.tensors()) {
      Tensor x = new Tensor(t.name(), TensorType.valueOf(t.type().name()), t.shape())
          .setData(t.data()).setVariable(t.variable());
      if (t.isQuantized()) {
        x.setQuantization(new Quantization(t.scales(), t.zeroPoints(), t.quantizedDimension(),
            null, null));
      }
      tensors.add(x);
    }
    List<Operator> ops = new ArrayList<>();
    for (OpInfo op : g.ops()) {
      ops.add(new Operator(builtin(op.name()), op.inputs(), op.outputs(), options(op)));
    }
    return new Subgraph(g.name(), tensors, ops, g.inputs(), g.outputs());
  }

  /**
   * The options fields the arena reads, by their flatbuffer accessor names (WHILE keeps its
   * condition and body in OpOptions' then and else slots).
   */
  private static GenericOptions options(OpInfo op) {
    OpOptions o = op.options();
    if (o == null) {
      return null;
    }
    Map<String, Object> fields = new HashMap<>(o.fields);
    switch (op.name()) {
      case "SVDF" -> fields.put("rank", o.rank);
      case "UNIDIRECTIONAL_SEQUENCE_LSTM" -> fields.put("timeMajor", o.timeMajor);
      case "CALL_ONCE" -> fields.put("initSubgraphIndex", o.subgraph);
      case "IF" -> {
        fields.put("thenSubgraphIndex", o.thenSubgraph);
        fields.put("elseSubgraphIndex", o.elseSubgraph);
      }
      case "WHILE" -> {
        fields.put("condSubgraphIndex", o.thenSubgraph);
        fields.put("bodySubgraphIndex", o.elseSubgraph);
      }
      case "VAR_HANDLE" -> {
        if (o.container != null) {
          fields.put("container", o.container);
        }
        if (o.sharedName != null) {
          fields.put("sharedName", o.sharedName);
        }
      }
      default -> { }
    }
    return new GenericOptions(op.name(), fields);
  }

  /** The builtin op of a runtime op name; custom and unknown ops take nothing from the arena. */
  private static BuiltinOp builtin(String name) {
    return Arrays.stream(BuiltinOp.values()).filter(o -> o.name().equals(name)).findFirst()
        .orElse(BuiltinOp.CUSTOM);
  }
}
