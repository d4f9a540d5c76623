package kiln.micro;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import kiln.tflite.BuiltinOp;
import kiln.tflite.Quantization;
import kiln.tflite.Tensor;
import kiln.tflite.TensorType;
import kiln.tflite.TfliteModel;
import kiln.tflite.options.Activation;
import kiln.tflite.options.Conv2DOptions;
import kiln.tflite.options.Padding;
import org.junit.jupiter.api.Test;

/**
 * CONV_2D with int16 activations and int8 weights (16x8): random layers (shapes, strides,
 * dilations, padding, per-channel scales, int64 bias, activations) against TFLite 2.20 byte for
 * byte with the named rounding tie, and a 1x1 case worked by hand.
 */
class Conv2D16Test {
  private final OpChecker checker = new OpChecker();

  static TfliteModel model(OpModelWriter w, int[] inShape, int outD, int fH, int fW, int stride, int dil,
      Padding pad, float inScale, float[] ws, float outScale, long[] bias, Activation act, byte[] weights) {
    w.start();
    int in = w.act(TensorType.INT16, inShape, inScale, 0);
    Tensor wt = new Tensor("w", TensorType.INT8, new int[] {outD, fH, fW, inShape[3]}).setData(weights);
    wt.setQuantization(ws.length == 1 ? Quantization.perTensor(ws[0], 0) : Quantization.perChannel(ws, new long[ws.length], 0));
    int wi = w.g.addTensor(wt);
    int bi = -1;
    if (bias != null) {
      ByteBuffer bb = ByteBuffer.allocate(outD * 8).order(ByteOrder.LITTLE_ENDIAN);
      for (long b : bias) {
        bb.putLong(b);
      }
      Tensor bt = new Tensor("b", TensorType.INT64, new int[] {outD}).setData(bb.array());
      float[] bs = new float[ws.length];
      for (int i = 0; i < bs.length; i++) {
        bs[i] = inScale * ws[i];
      }
      bt.setQuantization(bs.length == 1 ? Quantization.perTensor(bs[0], 0) : Quantization.perChannel(bs, new long[bs.length], 0));
      bi = w.g.addTensor(bt);
    }
    int effH = (fH - 1) * dil + 1;
    int effW = (fW - 1) * dil + 1;
    int outH = pad == Padding.SAME ? (inShape[1] + stride - 1) / stride : (inShape[1] - effH + stride) / stride;
    int outW = pad == Padding.SAME ? (inShape[2] + stride - 1) / stride : (inShape[2] - effW + stride) / stride;
    int out = w.act(TensorType.INT16, new int[] {inShape[0], outH, outW, outD}, outScale, 0);
    return w.finish(BuiltinOp.CONV_2D, new int[] {in, wi, bi}, new int[] {out},
        new Conv2DOptions(pad, stride, stride, act, dil, dil, 0), in);
  }

  @Test
  void randomLayersMatchTflite() {
    Random r = new Random(20261205L);
    Activation[] acts = {Activation.NONE, Activation.RELU, Activation.RELU6, Activation.RELU_N1_TO_1};
    for (int i = 0; i < 30; i++) {
      OpModelWriter w = new OpModelWriter(r.nextLong()) {};
      int fH = 1 + r.nextInt(3);
      int fW = 1 + r.nextInt(3);
      int dil = 1 + r.nextInt(2);
      int stride = 1 + r.nextInt(2);
      int[] in = {1, (fH - 1) * dil + 1 + r.nextInt(5), (fW - 1) * dil + 1 + r.nextInt(5), 1 + r.nextInt(6)};
      int outD = 1 + r.nextInt(6);
      float inScale = (float) Math.pow(10, -4 + 2 * r.nextDouble());
      float[] ws = new float[r.nextBoolean() ? 1 : outD];
      for (int k = 0; k < ws.length; k++) {
        ws[k] = (float) Math.pow(10, -3 + r.nextDouble());
      }
      int taps = fH * fW * in[3];
      float outScale = (float) (inScale * ws[0] * 127 * 3000 * Math.sqrt(taps) / 32767 * (0.2 + r.nextDouble()));
      byte[] weights = new byte[outD * taps];
      for (int k = 0; k < weights.length; k++) {
        weights[k] = (byte) (r.nextInt(255) - 127);
      }
      // TFLite 2.20 refuses an int16 conv without bias (TFLite Micro runs it: see the hand-worked case)
      long[] bias = new long[outD];
      for (int k = 0; k < outD; k++) {
        bias[k] = (long) (r.nextGaussian() * 2_000_000);
      }
      TfliteModel model = model(w, in, outD, fH, fW, stride, dil, r.nextBoolean() ? Padding.SAME : Padding.VALID,
          inScale, ws, outScale, bias, acts[r.nextInt(4)], weights);
      String label = "CONV_2D int16 #" + i;
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
    assertThat(checker.stats).containsKey("CONV_2D");
  }

  /**
   * A 1x1 conv over one pixel of two channels [1000, -2000] (scale 0.001), weights [3, 4] (scale
   * 0.01), bias 105000 (scale 1e-5), output scale 0.0001: acc = 3000 - 8000 + 105000 = 100000,
   * 100000 * 1e-5 = 1.0, 1.0 / 0.0001 = 10000; without bias acc = -5000, -0.05 / 0.0001 = -500.
   */
  @Test
  void aPixelWorkedByHand() {
    TfliteModel model = model(new OpModelWriter(1) {}, new int[] {1, 1, 1, 2}, 1, 1, 1, 1, 1, Padding.VALID,
        0.001f, new float[] {0.01f}, 0.0001f, new long[] {105000}, Activation.NONE, new byte[] {3, 4});
    MicroModel m = MicroModel.prepare(ModelLoader.load(model.toBytes(), "conv16"));
    short[] x = m.tensor(m.graph().inputs()[0]).i16;
    x[0] = 1000;
    x[1] = -2000;
    m.invoke();
    assertThat(m.tensor(m.graph().outputs()[0]).i16[0]).isEqualTo((short) 10000);
    TfliteModel noBias = model(new OpModelWriter(1) {}, new int[] {1, 1, 1, 2}, 1, 1, 1, 1, 1, Padding.VALID,
        0.001f, new float[] {0.01f}, 0.0001f, null, Activation.NONE, new byte[] {3, 4});
    MicroModel n = MicroModel.prepare(ModelLoader.load(noBias.toBytes(), "conv16"));
    n.tensor(n.graph().inputs()[0]).i16[0] = 1000;
    n.tensor(n.graph().inputs()[0]).i16[1] = -2000;
    n.invoke();
    assertThat(n.tensor(n.graph().outputs()[0]).i16[0]).isEqualTo((short) -500);
  }
}
