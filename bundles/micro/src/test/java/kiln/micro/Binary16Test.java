package kiln.micro;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import kiln.tflite.BuiltinOp;
import kiln.tflite.TensorType;
import kiln.tflite.TfliteModel;
import kiln.tflite.options.Activation;
import kiln.tflite.options.AddOptions;
import kiln.tflite.options.BuiltinOptions;
import kiln.tflite.options.MulOptions;
import kiln.tflite.options.SubOptions;
import org.junit.jupiter.api.Test;

/**
 * ADD, SUB and MUL with int16 tensors (16x8): random shapes with broadcasting, scales and
 * activations against TFLite 2.20 byte for byte (general scaling: pot_scale_int16 false, as the
 * converter writes for 16x8), and hand-worked elements.
 */
class Binary16Test {
  private final OpChecker checker = new OpChecker();

  static TfliteModel model(BuiltinOp op, int[] sa, int[] sb, int[] so, float a, float b, float o, Activation act) {
    OpModelWriter w = new OpModelWriter(1) {};
    w.start();
    int x = w.act(TensorType.INT16, sa, a, 0);
    int y = w.act(TensorType.INT16, sb, b, 0);
    int out = w.act(TensorType.INT16, so, o, 0);
    BuiltinOptions opts = op == BuiltinOp.ADD ? new AddOptions(act, false)
        : op == BuiltinOp.SUB ? new SubOptions(act, false) : new MulOptions(act);
    return w.finish(op, new int[] {x, y}, new int[] {out}, opts, x, y);
  }

  @Test
  void randomModelsMatchTflite() {
    Random r = new Random(20261205L);
    Activation[] acts = {Activation.NONE, Activation.RELU, Activation.RELU6, Activation.RELU_N1_TO_1};
    for (BuiltinOp op : new BuiltinOp[] {BuiltinOp.ADD, BuiltinOp.SUB, BuiltinOp.MUL}) {
      for (int i = 0; i < 20; i++) {
        int rank = 1 + r.nextInt(4);
        int[] so = new int[rank];
        int[] sa = new int[rank];
        int[] sb = new int[rank];
        for (int k = 0; k < rank; k++) {
          so[k] = 1 + r.nextInt(4);
          sa[k] = r.nextInt(4) == 0 ? 1 : so[k];
          sb[k] = r.nextInt(4) == 0 ? 1 : so[k];
          so[k] = Math.max(sa[k], sb[k]);
        }
        float a = (float) Math.pow(10, -4 + 2 * r.nextDouble());
        float b = (float) Math.pow(10, -4 + 2 * r.nextDouble());
        float o = op == BuiltinOp.MUL ? (float) (a * b * 32767 * (0.5 + r.nextDouble()))
            : (float) (Math.max(a, b) * (1 + r.nextDouble()));
        TfliteModel model = model(op, sa, sb, so, a, b, o, acts[r.nextInt(4)]);
        String label = op + " int16 #" + i;
        MicroModel m = MicroModel.prepare(ModelLoader.load(model.toBytes(), label));
        for (int in : m.graph().inputs()) {
          short[] v = m.tensor(in).i16;
          for (int k = 0; k < v.length; k++) {
            v[k] = (short) (r.nextInt(65536) - 32768);
          }
        }
        m.invoke();
        checker.check(model, m, label);
      }
    }
    System.out.println(checker.summary());
    assertThat(checker.failures).isEmpty();
    assertThat(checker.stats).containsKeys("ADD", "SUB", "MUL");
  }

  /**
   * MUL: 300 (scale 0.01) x 200 (scale 0.01) = 3.0 x 2.0 = 6.0 at output scale 0.001: 6000.
   * ADD with equal scales 0.01 and output 0.02: 300 + 200 = 5.0 -> 250.
   */
  @Test
  void elementsWorkedByHand() {
    MicroModel mul = MicroModel.prepare(ModelLoader.load(model(BuiltinOp.MUL, new int[] {1}, new int[] {1},
        new int[] {1}, 0.01f, 0.01f, 0.001f, Activation.NONE).toBytes(), "mul16"));
    mul.tensor(mul.graph().inputs()[0]).i16[0] = 300;
    mul.tensor(mul.graph().inputs()[1]).i16[0] = 200;
    mul.invoke();
    assertThat(mul.tensor(mul.graph().outputs()[0]).i16[0]).isEqualTo((short) 6000);
    MicroModel add = MicroModel.prepare(ModelLoader.load(model(BuiltinOp.ADD, new int[] {1}, new int[] {1},
        new int[] {1}, 0.01f, 0.01f, 0.02f, Activation.NONE).toBytes(), "add16"));
    add.tensor(add.graph().inputs()[0]).i16[0] = 300;
    add.tensor(add.graph().inputs()[1]).i16[0] = 200;
    add.invoke();
    assertThat(add.tensor(add.graph().outputs()[0]).i16[0]).isEqualTo((short) 250);
  }
}
