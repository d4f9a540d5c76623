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
import kiln.tflite.options.DepthwiseConv2DOptions;
import kiln.tflite.options.Padding;
import org.junit.jupiter.api.Test;

/**
 * DEPTHWISE_CONV_2D with int16 activations and int8 weights (16x8): random layers against TFLite
 * 2.20 (with the named rounding tie) and one pixel worked by hand.
 */
class DepthwiseConv2D16Test {
  private final OpChecker checker = new OpChecker();

  static TfliteModel model(int[] inShape, int mult, int fH, int fW, int stride, int dil, Padding pad, float inScale,
      float[] ws, float outScale, long[] bias, Activation act, byte[] weights) {
    OpModelWriter w = new OpModelWriter(1) {};
    w.start();
    int outD = inShape[3] * mult;
    int in = w.act(TensorType.INT16, inShape, inScale, 0);
    Tensor wt = new Tensor("w", TensorType.INT8, new int[] {1, fH, fW, outD}).setData(weights);
    wt.setQuantization(ws.length == 1 ? Quantization.perTensor(ws[0], 0) : Quantization.perChannel(ws, new long[ws.length], 3));
    int wi = w.g.addTensor(wt);
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
    int bi = w.g.addTensor(bt);
    int effH = (fH - 1) * dil + 1;
    int effW = (fW - 1) * dil + 1;
    int outH = pad == Padding.SAME ? (inShape[1] + stride - 1) / stride : (inShape[1] - effH + stride) / stride;
    int outW = pad == Padding.SAME ? (inShape[2] + stride - 1) / stride : (inShape[2] - effW + stride) / stride;
    int out = w.act(TensorType.INT16, new int[] {inShape[0], outH, outW, outD}, outScale, 0);
    return w.finish(BuiltinOp.DEPTHWISE_CONV_2D, new int[] {in, wi, bi}, new int[] {out},
        new DepthwiseConv2DOptions(pad, stride, stride, mult, act, dil, dil), in);
  }

  @Test
  void randomLayersMatchTflite() {
    Random r = new Random(20261205L);
    Activation[] acts = {Activation.NONE, Activation.RELU, Activation.RELU6, Activation.RELU_N1_TO_1};
    for (int i = 0; i < 30; i++) {
      int fH = 1 + r.nextInt(3);
      int fW = 1 + r.nextInt(3);
      int dil = 1 + r.nextInt(2);
      int stride = 1 + r.nextInt(2);
      int mult = 1 + r.nextInt(2);
      int[] in = {1, (fH - 1) * dil + 1 + r.nextInt(5), (fW - 1) * dil + 1 + r.nextInt(5), 1 + r.nextInt(5)};
      int outD = in[3] * mult;
      float inScale = (float) Math.pow(10, -4 + 2 * r.nextDouble());
      float[] ws = new float[r.nextBoolean() ? 1 : outD];
      for (int k = 0; k < ws.length; k++) {
        ws[k] = (float) Math.pow(10, -3 + r.nextDouble());
      }
      float outScale = (float) (inScale * ws[0] * 127 * 3000 * Math.sqrt(fH * fW) / 32767 * (0.2 + r.nextDouble()));
      byte[] weights = new byte[fH * fW * outD];
      for (int k = 0; k < weights.length; k++) {
        weights[k] = (byte) (r.nextInt(255) - 127);
      }
      long[] bias = new long[outD];
      for (int k = 0; k < outD; k++) {
        bias[k] = (long) (r.nextGaussian() * 2_000_000);
      }
      TfliteModel model = model(in, mult, fH, fW, stride, dil, r.nextBoolean() ? Padding.SAME : Padding.VALID,
          inScale, ws, outScale, bias, acts[r.nextInt(4)], weights);
      String label = "DEPTHWISE_CONV_2D int16 #" + i;
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
    assertThat(checker.stats).containsKey("DEPTHWISE_CONV_2D");
  }

  /**
   * One pixel of two channels [1000, -2000] (scale 0.001), multiplier 1, weights [3, 4] (scale
   * 0.01), bias [5000, 0] (scale 1e-5), output scale 0.0001: channel 0: 3000 + 5000 = 8000 -> 0.08
   * -> 800; channel 1: -8000 -> -0.08 -> -800.
   */
  @Test
  void aPixelWorkedByHand() {
    TfliteModel model = model(new int[] {1, 1, 1, 2}, 1, 1, 1, 1, 1, Padding.VALID, 0.001f, new float[] {0.01f},
        0.0001f, new long[] {5000, 0}, Activation.NONE, new byte[] {3, 4});
    MicroModel m = MicroModel.prepare(ModelLoader.load(model.toBytes(), "dw16"));
    short[] x = m.tensor(m.graph().inputs()[0]).i16;
    x[0] = 1000;
    x[1] = -2000;
    m.invoke();
    assertThat(m.tensor(m.graph().outputs()[0]).i16).containsExactly((short) 800, (short) -800);
  }
}
