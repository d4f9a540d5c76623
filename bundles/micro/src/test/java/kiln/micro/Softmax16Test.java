package kiln.micro;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import kiln.tflite.BuiltinOp;
import kiln.tflite.TensorType;
import kiln.tflite.TfliteModel;
import kiln.tflite.options.SoftmaxOptions;
import org.junit.jupiter.api.Test;

/**
 * SOFTMAX with int16 input and output (16x8): random rows, scales and betas against TFLite 2.20
 * byte for byte, and a row of equal inputs.
 */
class Softmax16Test {
  private final OpChecker checker = new OpChecker();

  static TfliteModel model(int[] shape, float inScale, float beta) {
    OpModelWriter w = new OpModelWriter(1) {};
    w.start();
    int in = w.act(TensorType.INT16, shape, inScale, 0);
    int out = w.act(TensorType.INT16, shape, 1f / 32768, 0);
    return w.finish(BuiltinOp.SOFTMAX, new int[] {in}, new int[] {out}, new SoftmaxOptions(beta), in);
  }

  @Test
  void randomRowsMatchTflite() {
    Random r = new Random(20261205L);
    for (int i = 0; i < 30; i++) {
      int[] shape = {1 + r.nextInt(3), 1 + r.nextInt(20)};
      float inScale = (float) Math.pow(10, -4 + 2.5 * r.nextDouble());
      float beta = r.nextInt(3) == 0 ? 1f : (float) (0.5 + r.nextDouble());
      TfliteModel model = model(shape, inScale, beta);
      String label = "SOFTMAX int16 #" + i;
      MicroModel m = MicroModel.prepare(ModelLoader.load(model.toBytes(), label));
      short[] x = m.tensor(m.graph().inputs()[0]).i16;
      for (int k = 0; k < x.length; k++) {
        x[k] = (short) (r.nextInt(65536) - 32768);
      }
      m.invoke();
      checker.check(model, m, label);
    }
    System.out.println(checker.summary());
    assertThat(checker.failures).isEmpty();
    assertThat(checker.stats).containsKey("SOFTMAX");
  }

  /**
   * Four equal inputs must get four equal outputs of about 1/4: 8192 of the output's 32768 (within
   * the two tables' interpolation error of a few units).
   */
  @Test
  void equalInputsShareTheProbability() {
    MicroModel m = MicroModel.prepare(ModelLoader.load(model(new int[] {1, 4}, 0.001f, 1f).toBytes(), "sm16"));
    short[] x = m.tensor(m.graph().inputs()[0]).i16;
    java.util.Arrays.fill(x, (short) 1234);
    m.invoke();
    short[] y = m.tensor(m.graph().outputs()[0]).i16;
    assertThat(y[0]).isEqualTo(y[1]).isEqualTo(y[2]).isEqualTo(y[3]);
    assertThat((int) y[0]).isBetween(8190, 8194);
  }
}
