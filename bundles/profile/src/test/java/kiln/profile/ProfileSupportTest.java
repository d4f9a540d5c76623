package kiln.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import kiln.tflite.BuiltinOp;
import kiln.tflite.Operator;
import kiln.tflite.OperatorCode;
import kiln.tflite.Subgraph;
import kiln.tflite.Tensor;
import kiln.tflite.TensorType;
import kiln.tflite.TfliteModel;
import kiln.tflite.options.Activation;
import kiln.tflite.options.FullyConnectedOptions;
import org.junit.jupiter.api.Test;

/**
 * The profiler calls a layer supported only when Kiln's interpreter can run its op: the Cortex-M33
 * back-end ("none") supports every op, so the verdict on an op the runtime has no kernel for comes
 * from the interpreter's check alone.
 */
class ProfileSupportTest {
  /** FULLY_CONNECTED (float) then a custom op no runtime registers. */
  static byte[] fcThenCustom() {
    Subgraph g = new Subgraph();
    int in = g.addTensor(new Tensor("in", TensorType.FLOAT32, new int[] {1, 3}));
    ByteBuffer w = ByteBuffer.allocate(6 * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 6; i++) {
      w.putFloat(i * 0.5f);
    }
    int wt = g.addTensor(new Tensor("w", TensorType.FLOAT32, new int[] {2, 3}).setData(w.array()));
    int mid = g.addTensor(new Tensor("mid", TensorType.FLOAT32, new int[] {1, 2}));
    int out = g.addTensor(new Tensor("out", TensorType.FLOAT32, new int[] {1, 2}));
    g.operators().add(new Operator(BuiltinOp.FULLY_CONNECTED, new int[] {in, wt, -1},
        new int[] {mid}, new FullyConnectedOptions(Activation.NONE)));
    g.operators().add(new Operator(OperatorCode.custom("NotAKilnOp", 1), new int[] {mid},
        new int[] {out}, null));
    g.setInputs(in).setOutputs(out);
    TfliteModel m = new TfliteModel();
    m.addSubgraph(g);
    return m.toBytes();
  }

  @Test
  void anOpTheInterpreterCannotRunIsNotSupported() {
    byte[] model = fcThenCustom();
    List<String> notRunnable = Fixtures.interpreter().check(model, "fc-custom");
    assertThat(notRunnable).containsExactly("CUSTOM(NotAKilnOp)");
    ProfileReport r = Profiler.profile("fc-custom", model, "none",
        Fixtures.accelerators().get("none"), notRunnable);
    assertThat(r.layers().get(0).supported()).isTrue();
    assertThat(r.layers().get(1).supported()).isFalse();
    assertThat(r.layers().get(1).error())
        .isEqualTo("Kiln's interpreter cannot run CUSTOM(NotAKilnOp)");
    assertThat(r.unsupportedLayerCount()).isEqualTo(1);
  }

  /** A float SVDF (weights of ones, a variable state): an op the runtime now runs. */
  static byte[] svdf() {
    Subgraph g = new Subgraph();
    int in = g.addTensor(new Tensor("in", TensorType.FLOAT32, new int[] {1, 4}));
    ByteBuffer w = ByteBuffer.allocate(8 * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 8; i++) {
      w.putFloat(1f);
    }
    int wf = g.addTensor(new Tensor("wf", TensorType.FLOAT32, new int[] {2, 4})
        .setData(java.util.Arrays.copyOf(w.array(), 32)));
    int wt = g.addTensor(new Tensor("wt", TensorType.FLOAT32, new int[] {2, 3})
        .setData(java.util.Arrays.copyOf(w.array(), 24)));
    int st = g.addTensor(new Tensor("state", TensorType.FLOAT32, new int[] {1, 6}).setVariable(true));
    int out = g.addTensor(new Tensor("out", TensorType.FLOAT32, new int[] {1, 2}));
    g.operators().add(new Operator(BuiltinOp.SVDF, new int[] {in, wf, wt, -1, st},
        new int[] {out}, new kiln.tflite.options.SVDFOptions(1, Activation.NONE)));
    g.setInputs(in).setOutputs(out);
    TfliteModel m = new TfliteModel();
    m.addSubgraph(g);
    return m.toBytes();
  }

  @Test
  void svdfIsSupportedBecauseTheRuntimeRunsIt() {
    byte[] model = svdf();
    List<String> notRunnable = Fixtures.interpreter().check(model, "svdf");
    assertThat(notRunnable).isEmpty();
    ProfileReport r = Profiler.profile("svdf", model, "none", Fixtures.accelerators().get("none"),
        notRunnable);
    assertThat(r.layers().get(0).opcode()).isEqualToIgnoringCase("svdf");
    assertThat(r.layers().get(0).supported()).isTrue();
  }

  @Test
  void withoutAnInterpreterNoLayerIsSupported() {
    String text = ProfileCommand.run(Fixtures.mltk("tflite_micro_speech.tflite").toString(), "none",
        false, "", "text", Fixtures.accelerators(), null, null);
    assertThat(text).contains("Unsupported Layer Count: 4")
        .contains("no Kiln interpreter is installed");
  }

  @Test
  void theCommandAsksTheRealInterpreter() {
    String text = ProfileCommand.run(Fixtures.mltk("tflite_micro_speech.tflite").toString(), "none",
        false, "", "text", Fixtures.accelerators(), null, Fixtures.interpreter());
    assertThat(text).contains("Unsupported Layer Count: 0").doesNotContain("Note:");
  }
}
