package kiln.micro;

import static org.assertj.core.api.Assertions.assertThat;

import kiln.api.model.TensorData;
import kiln.micro.graph.Graph;
import kiln.tflite.BuiltinOp;
import kiln.tflite.Operator;
import kiln.tflite.TensorType;
import kiln.tflite.TfliteModel;
import kiln.tflite.arena.ArenaReport;
import kiln.tflite.options.Activation;
import kiln.tflite.options.ConcatenationOptions;
import org.junit.jupiter.api.Test;

/**
 * A multi-output op inside a graph: SPLIT's three outputs live at once, two feed a later op and
 * one is a graph output, so the runtime and the arena plan must keep all three apart.
 */
class ShapeOpsGraphTest {
  @Test
  void splitOutputsFeedLaterOpsAndGetTheirOwnArenaBuffers() {
    ShapeOpModels b = new ShapeOpModels(1);
    b.start();
    int axis = b.constInt32(new int[0], 1);
    int x = b.act(TensorType.INT8, new int[] {1, 48}, 0.5f, 0);
    int[] parts = new int[3];
    for (int i = 0; i < 3; i++) {
      parts[i] = b.act(TensorType.INT8, new int[] {1, 16}, 0.5f, 0);
    }
    int y = b.act(TensorType.INT8, new int[] {1, 32}, 0.5f, 0);
    // SPLIT x into a, b, c; then y = CONCATENATION(c, a); outputs y and b
    TfliteModel model = b.finish(BuiltinOp.SPLIT, new int[] {axis, x}, parts,
        ShapeOpModels.options("SplitOptions", "numSplits", 3), x);
    var g = model.mainSubgraph();
    g.operators().add(new Operator(BuiltinOp.CONCATENATION, new int[] {parts[2], parts[0]},
        new int[] {y}, new ConcatenationOptions(1, Activation.NONE)));
    g.setOutputs(new int[] {y, parts[1]});

    Graph graph = ModelLoader.load(model.toBytes(), "split-graph.tflite");
    MicroModel m = MicroModel.prepare(graph);
    byte[] in = new byte[48];
    for (int i = 0; i < 48; i++) {
      in[i] = (byte) i;
    }
    m.setInput(0, TensorData.ofInt8(new int[] {1, 48}, in));
    m.invoke();
    int[] expectedY = new int[32];
    for (int i = 0; i < 16; i++) {
      expectedY[i] = 32 + i; // c = x[32..47]
      expectedY[16 + i] = i; // a = x[0..15]
    }
    assertThat(m.output(0).intValues()).containsExactly(expectedY);
    int[] expectedB = new int[16];
    for (int i = 0; i < 16; i++) {
      expectedB[i] = 16 + i;
    }
    assertThat(m.output(1).intValues()).containsExactly(expectedB);

    // step 1 (SPLIT) holds x, a, b and c at once: 48 + 3 * 16 = 96 bytes, none shared; at step 2
    // y (32 bytes) reuses x's place, so the planned part is exactly 96
    ArenaReport report = GraphArena.estimate(graph);
    assertThat(report.head()).isEqualTo(96);
  }
}
