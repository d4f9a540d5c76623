package kiln.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import kiln.api.KilnException;
import kiln.api.model.TensorData;
import kiln.tflite.BuiltinOp;
import kiln.tflite.TensorType;
import kiln.tflite.TfliteModel;
import kiln.tflite.options.Activation;
import kiln.tflite.options.SVDFOptions;
import org.junit.jupiter.api.Test;

/**
 * SVDF: random int8 (int16 state) and float32 models written by Kiln's writer against TFLite 2.20
 * over consecutive invokes, so the state carried from one invoke to the next is checked too; and a
 * small float case worked out by hand.
 */
class SvdfTest {
  static final int MODELS = 40;
  static final int INVOKES = 6;

  @Test
  void int8AndFloatMatchTfliteOverConsecutiveInvokes() {
    SequenceOpModels gen = new SequenceOpModels(20261204L);
    List<String> failures = new ArrayList<>();
    long compared = 0;
    for (int i = 0; i < MODELS; i++) {
      boolean fp = i % 4 == 3;
      TfliteModel model = gen.svdf(fp);
      compared += SequenceRuns.compare(model, "svdf #" + i + (fp ? " float" : " int8"), INVOKES,
          gen.r, failures);
    }
    assertThat(failures).isEmpty();
    assertThat(compared).isGreaterThan(500);
  }

  /** Two SVDF layers stacked as in keyword_scrambled, 8 invokes, byte for byte. */
  @Test
  void aKeywordScrambledStyleStackMatchesTflite() {
    SequenceOpModels gen = new SequenceOpModels(20261207L);
    List<String> failures = new ArrayList<>();
    long compared = 0;
    for (int i = 0; i < 10; i++) {
      compared += SequenceRuns.compare(gen.svdfStack(), "svdf stack #" + i, 8, gen.r, failures);
    }
    assertThat(failures).isEmpty();
    assertThat(compared).isGreaterThan(100);
  }

  /**
   * Input size 2, one unit of rank 1, memory 2, no bias, no activation: weights_feature [1, 2] =
   * [1, -1], weights_time [1, 2] = [0.5, 2]. The state holds the last two feature products f(t) =
   * x0 - x1 (the newest last); the output is 0.5 f(t-1) + 2 f(t).
   */
  @Test
  void floatSvdfWorkedByHand() {
    SequenceOpModels g = new SequenceOpModels(0);
    g.start();
    int in = g.activation(TensorType.FLOAT32, new int[] {1, 2}, 0, 0);
    int wf = g.g.addTensor(new kiln.tflite.Tensor("wf", TensorType.FLOAT32, new int[] {1, 2})
        .setData(floats(1f, -1f)));
    int wt = g.g.addTensor(new kiln.tflite.Tensor("wt", TensorType.FLOAT32, new int[] {1, 2})
        .setData(floats(0.5f, 2f)));
    int st = g.variable(TensorType.FLOAT32, new int[] {1, 2}, 0, 0);
    int out = g.activation(TensorType.FLOAT32, new int[] {1, 1}, 0, 0);
    TfliteModel model = g.finish(BuiltinOp.SVDF, new int[] {in, wf, wt, -1, st},
        new int[] {out}, new SVDFOptions(1, Activation.NONE), in);
    MicroModel m = MicroRuntime.load(model.toBytes(), "svdf-by-hand");
    // f = 3 - 1 = 2: 0.5 * 0 + 2 * 2 = 4
    assertThat(run(m, 3f, 1f)).isEqualTo(4f);
    // f = 1 - 4 = -3: 0.5 * 2 + 2 * -3 = -5
    assertThat(run(m, 1f, 4f)).isEqualTo(-5f);
    // f = 0.5 - 0 = 0.5: 0.5 * -3 + 2 * 0.5 = -0.5
    assertThat(run(m, 0.5f, 0f)).isEqualTo(-0.5f);
    m.resetVariables();
    // after a reset the history is zero again: 0.5 * 0 + 2 * 2 = 4
    assertThat(run(m, 3f, 1f)).isEqualTo(4f);
  }

  /**
   * The int8-state SVDF (int8 time weights; TFLite Micro only) with a state zero point of 3, the
   * case where Kiln follows TFLite Micro: the state starts at its zero point and each feature
   * product is stored plus the zero point, which the time products subtract again. Input scale 1,
   * feature weight 2 at scale 0.5 (effective scale 0.5: the stored product is x), time weights
   * [1, 1], bias 10, output scale 1 zero point 0. Invoke x = 5: state [3, 3 + 5] gives
   * (3 - 3) + (8 - 3) + 10 = 15; then x = -2: state [8, 3 - 2] gives (8 - 3) + (1 - 3) + 10 = 13.
   */
  @Test
  void int8StateWithAZeroPointWorkedByHand() {
    SequenceOpModels g = new SequenceOpModels(0);
    g.start();
    int in = g.activation(TensorType.INT8, new int[] {1, 1}, 1f, 0);
    int wf = g.g.addTensor(new kiln.tflite.Tensor("wf", TensorType.INT8, new int[] {1, 1})
        .setData(new byte[] {2}).setQuantization(kiln.tflite.Quantization.perTensor(0.5f, 0)));
    int wt = g.g.addTensor(new kiln.tflite.Tensor("wt", TensorType.INT8, new int[] {1, 2})
        .setData(new byte[] {1, 1}).setQuantization(kiln.tflite.Quantization.perTensor(1f, 0)));
    int b = g.g.addTensor(new kiln.tflite.Tensor("b", TensorType.INT32, new int[] {1})
        .setData(new byte[] {10, 0, 0, 0})
        .setQuantization(kiln.tflite.Quantization.perTensor(1f, 0)));
    int st = g.variable(TensorType.INT8, new int[] {1, 2}, 1f, 3);
    int out = g.activation(TensorType.INT8, new int[] {1, 1}, 1f, 0);
    TfliteModel model = g.finish(BuiltinOp.SVDF, new int[] {in, wf, wt, b, st},
        new int[] {out}, new SVDFOptions(1, Activation.RELU), in);
    MicroModel m = MicroRuntime.load(model.toBytes(), "svdf-int8-state");
    assertThat(m.tensor(st).i8).containsExactly(3, 3);
    assertThat(runInt8(m, 5)).isEqualTo(15);
    assertThat(m.tensor(st).i8).containsExactly(3, 8);
    assertThat(runInt8(m, -2)).isEqualTo(13);
    assertThat(m.tensor(st).i8).containsExactly(8, 1);
  }

  private static int runInt8(MicroModel m, int x) {
    return m.run(List.of(TensorData.ofInt8(new int[] {1, 1}, new byte[] {(byte) x}))).get(0)
        .bytes()[0];
  }

  @Test
  void aStateThatIsNotAVariableIsRefused() {
    SequenceOpModels g = new SequenceOpModels(0);
    g.start();
    int in = g.activation(TensorType.FLOAT32, new int[] {1, 2}, 0, 0);
    int wf = g.floatWeights(new int[] {1, 2}, 1);
    int wt = g.floatWeights(new int[] {1, 2}, 1);
    int st = g.activation(TensorType.FLOAT32, new int[] {1, 2}, 0, 0);
    int out = g.activation(TensorType.FLOAT32, new int[] {1, 1}, 0, 0);
    TfliteModel model = g.finish(BuiltinOp.SVDF, new int[] {in, wf, wt, -1, st},
        new int[] {out}, new SVDFOptions(1, Activation.NONE), in);
    assertThatThrownBy(() -> MicroRuntime.load(model.toBytes(), "bad-svdf"))
        .isInstanceOf(KilnException.class)
        .hasMessageContaining("op #0 SVDF")
        .hasMessageContaining("must be a variable tensor");
  }

  private static float run(MicroModel m, float x0, float x1) {
    return m.run(List.of(TensorData.ofFloat32(new int[] {1, 2}, new float[] {x0, x1})))
        .get(0).toFloats()[0];
  }

  static byte[] floats(float... v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : v) {
      b.putFloat(f);
    }
    return b.array();
  }
}
