package kiln.micro;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import kiln.api.model.ElementType;
import kiln.tflite.BuiltinOp;
import kiln.tflite.Quantization;
import kiln.tflite.Tensor;
import kiln.tflite.TensorType;
import kiln.tflite.TfliteModel;
import kiln.tflite.options.Activation;
import kiln.tflite.options.FullyConnectedOptions;
import org.junit.jupiter.api.Test;

/**
 * FULLY_CONNECTED with int16 activations and int8 weights (16x8): random layers against TFLite
 * 2.20 byte for byte (OpChecker), and one worked by hand.
 */
class FullyConnected16Test {
  private final OpChecker checker = new OpChecker();

  static TfliteModel model(OpModelWriter w, int batches, int depth, int units, float inScale, float[] wScales,
      float outScale, long[] bias, Activation act, Random r) {
    w.start();
    int in = w.act(TensorType.INT16, new int[] {batches, depth}, inScale, 0);
    byte[] wv = new byte[units * depth];
    for (int i = 0; i < wv.length; i++) {
      wv[i] = (byte) (r.nextInt(255) - 127);
    }
    Tensor wt = new Tensor("w", TensorType.INT8, new int[] {units, depth}).setData(wv);
    wt.setQuantization(wScales.length == 1 ? Quantization.perTensor(wScales[0], 0)
        : Quantization.perChannel(wScales, new long[wScales.length], 0));
    int wi = w.g.addTensor(wt);
    int bi = -1;
    if (bias != null) {
      ByteBuffer bb = ByteBuffer.allocate(units * 8).order(ByteOrder.LITTLE_ENDIAN);
      for (long b : bias) {
        bb.putLong(b);
      }
      Tensor bt = new Tensor("b", TensorType.INT64, new int[] {units}).setData(bb.array());
      float[] bs = new float[wScales.length];
      for (int i = 0; i < bs.length; i++) {
        bs[i] = inScale * wScales[i];
      }
      bt.setQuantization(bs.length == 1 ? Quantization.perTensor(bs[0], 0)
          : Quantization.perChannel(bs, new long[bs.length], 0));
      bi = w.g.addTensor(bt);
    }
    int out = w.act(TensorType.INT16, new int[] {batches, units}, outScale, 0);
    return w.finish(BuiltinOp.FULLY_CONNECTED, new int[] {in, wi, bi}, new int[] {out},
        new FullyConnectedOptions(act), in);
  }

  @Test
  void randomLayersMatchTflite() {
    Random r = new Random(20261205L);
    Activation[] acts = {Activation.NONE, Activation.RELU, Activation.RELU6, Activation.RELU_N1_TO_1};
    for (int i = 0; i < 30; i++) {
      OpModelWriter w = new OpModelWriter(r.nextLong()) {};
      int batches = 1 + r.nextInt(3);
      int depth = 1 + r.nextInt(40);
      int units = 1 + r.nextInt(12);
      float inScale = (float) Math.pow(10, -4 + 2 * r.nextDouble());
      float[] ws = new float[r.nextBoolean() ? 1 : units];
      for (int k = 0; k < ws.length; k++) {
        ws[k] = (float) Math.pow(10, -3 + r.nextDouble());
      }
      // an output scale that spreads typical sums over the int16 range
      float outScale = (float) (inScale * ws[0] * 127 * 3000 * Math.sqrt(depth) / 32767 * (0.2 + r.nextDouble()));
      long[] bias = r.nextInt(4) == 0 ? null : new long[units];
      if (bias != null) {
        for (int k = 0; k < units; k++) {
          bias[k] = (long) (r.nextGaussian() * 2_000_000);
        }
      }
      TfliteModel model = model(w, batches, depth, units, inScale, ws, outScale, bias, acts[r.nextInt(4)], r);
      String label = "FULLY_CONNECTED int16 #" + i;
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
    assertThat(checker.stats).containsKey("FULLY_CONNECTED");
  }

  /**
   * input [1000, -2000] (scale 0.001), weights [[3, 4]] (scale 0.01), bias 5000 (scale 1e-5), output
   * scale 0.0001: acc = 3*1000 + 4*(-2000) + 5000 = 0 -> 0; with bias 105000: 100000 * 1e-5 = 1.0
   * -> 1.0 / 0.0001 = 10000.
   */
  @Test
  void aLayerWorkedByHand() {
    OpModelWriter w = new OpModelWriter(1) {};
    Random fixed = new Random(0) {
      @Override
      public int nextInt(int bound) {
        return 0;
      }
    };
    for (long b : new long[] {5000, 105000}) {
      TfliteModel model = model(w, 1, 2, 1, 0.001f, new float[] {0.01f}, 0.0001f, new long[] {b},
          Activation.NONE, fixed);
      // weights were drawn as -127: set them by hand
      model.mainSubgraph().tensor(1).setData(new byte[] {3, 4});
      MicroModel m = MicroModel.prepare(ModelLoader.load(model.toBytes(), "fc16"));
      short[] x = m.tensor(m.graph().inputs()[0]).i16;
      x[0] = 1000;
      x[1] = -2000;
      m.invoke();
      assertThat(m.tensor(m.graph().outputs()[0]).type()).isEqualTo(ElementType.INT16);
      assertThat(m.tensor(m.graph().outputs()[0]).i16[0]).isEqualTo((short) (b == 5000 ? 0 : 10000));
    }
  }
}
