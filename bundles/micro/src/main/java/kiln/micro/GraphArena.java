package kiln.micro;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import kiln.micro.graph.Graph;
import kiln.micro.graph.OpInfo;
import kiln.micro.graph.TensorInfo;
import kiln.tflite.BuiltinOp;
import kiln.tflite.Operator;
import kiln.tflite.Quantization;
import kiln.tflite.Subgraph;
import kiln.tflite.Tensor;
import kiln.tflite.TensorType;
import kiln.tflite.arena.ArenaModel;
import kiln.tflite.arena.ArenaReport;

/**
 * The runtime's arena: Kiln's one arena model ({@link ArenaModel#estimate(Subgraph)}: TFLite
 * Micro's {@code arena_used_bytes()} on a 32-bit device with its reference kernels) of a
 * {@link Graph}, which it reads back as the .tflite structure it came from (tensor types, shapes,
 * constants, variables, quantization; op codes and tensors). The reference kernels' arena use does
 * not depend on op options, so the ops are rebuilt without them.
 */
final class GraphArena {
  private GraphArena() {}

  static ArenaReport estimate(Graph g) {
    return ArenaModel.estimate(subgraph(g));
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
      ops.add(new Operator(builtin(op.name()), op.inputs(), op.outputs(), null));
    }
    return new Subgraph(g.name(), tensors, ops, g.inputs(), g.outputs());
  }

  /** The builtin op of a runtime op name; custom and unknown ops take nothing from the arena. */
  private static BuiltinOp builtin(String name) {
    return Arrays.stream(BuiltinOp.values()).filter(o -> o.name().equals(name)).findFirst()
        .orElse(BuiltinOp.CUSTOM);
  }
}
