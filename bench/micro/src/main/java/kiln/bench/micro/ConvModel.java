package kiln.bench.micro;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import kiln.tflite.BuiltinOp;
import kiln.tflite.Operator;
import kiln.tflite.Quantization;
import kiln.tflite.Subgraph;
import kiln.tflite.Tensor;
import kiln.tflite.TensorType;
import kiln.tflite.TfliteModel;
import kiln.tflite.options.Activation;
import kiln.tflite.options.Conv2DOptions;
import kiln.tflite.options.DepthwiseConv2DOptions;
import kiln.tflite.options.FullyConnectedOptions;
import kiln.tflite.options.Padding;
import kiln.tflite.options.Pool2DOptions;
import kiln.tflite.options.ReshapeOptions;
import kiln.tflite.options.SoftmaxOptions;

/** An int8 image classifier of about 10M MACs, written with Kiln's .tflite writer. */
final class ConvModel {
  private final Random r = new Random(1);
  private final Subgraph g = new Subgraph();
  long macs;

  private int act(int[] shape, float scale, int zp) {
    return g.addTensor(new Tensor("a" + g.tensors().size(), TensorType.INT8, shape)
        .setQuantization(Quantization.perTensor(scale, zp)));
  }

  private int weights(int[] shape, int channels, int dim) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (r.nextInt(255) - 127);
    }
    float[] s = new float[channels];
    for (int i = 0; i < channels; i++) {
      s[i] = 0.002f + 0.002f * r.nextFloat();
    }
    return g.addTensor(new Tensor("w" + g.tensors().size(), TensorType.INT8, shape).setData(b)
        .setQuantization(Quantization.perChannel(s, new long[channels], dim)));
  }

  private int bias(int channels, float scale) {
    ByteBuffer bb = ByteBuffer.allocate(4 * channels).order(ByteOrder.LITTLE_ENDIAN);
    float[] s = new float[channels];
    for (int i = 0; i < channels; i++) {
      bb.putInt(r.nextInt(2000) - 1000);
      s[i] = scale;
    }
    return g.addTensor(new Tensor("b" + g.tensors().size(), TensorType.INT32, new int[] {channels})
        .setData(bb.array()).setQuantization(Quantization.perChannel(s, new long[channels], 0)));
  }

  private int conv(int in, int h, int w, int cin, int cout, int k, int stride) {
    int oh = (h + stride - 1) / stride;
    int ow = (w + stride - 1) / stride;
    int out = act(new int[] {1, oh, ow, cout}, 0.05f, -128);
    g.operators().add(new Operator(BuiltinOp.CONV_2D,
        new int[] {in, weights(new int[] {cout, k, k, cin}, cout, 0), bias(cout, 1e-4f)},
        new int[] {out}, new Conv2DOptions(Padding.SAME, stride, stride, Activation.RELU)));
    macs += (long) oh * ow * cout * k * k * cin;
    return out;
  }

  TfliteModel build() {
    int in = act(new int[] {1, 40, 40, 8}, 0.02f, 0);
    int x = conv(in, 40, 40, 8, 32, 3, 1); // 3.7M MACs
    x = conv(x, 40, 40, 32, 32, 3, 2); // 3.7M
    int dw = act(new int[] {1, 20, 20, 32}, 0.05f, -128);
    g.operators().add(new Operator(BuiltinOp.DEPTHWISE_CONV_2D,
        new int[] {x, weights(new int[] {1, 3, 3, 32}, 32, 3), bias(32, 1e-4f)}, new int[] {dw},
        new DepthwiseConv2DOptions(Padding.SAME, 1, 1, 1, Activation.RELU6, 1, 1)));
    macs += 20 * 20 * 32 * 9;
    x = conv(dw, 20, 20, 32, 64, 1, 1); // 0.8M
    x = conv(x, 20, 20, 64, 16, 3, 2); // 0.9M
    int pooled = act(new int[] {1, 1, 1, 16}, 0.05f, -128);
    g.operators().add(new Operator(BuiltinOp.AVERAGE_POOL_2D, new int[] {x}, new int[] {pooled},
        new Pool2DOptions(Padding.VALID, 10, 10, 10, 10, Activation.NONE)));
    int flat = act(new int[] {1, 16}, 0.05f, -128);
    ByteBuffer shape = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(1).putInt(16);
    int shapeT = g.addTensor(new Tensor("shape", TensorType.INT32, new int[] {2})
        .setData(shape.array()));
    g.operators().add(new Operator(BuiltinOp.RESHAPE, new int[] {pooled, shapeT},
        new int[] {flat}, new ReshapeOptions(new int[] {1, 16})));
    int logits = act(new int[] {1, 10}, 0.1f, 0);
    g.operators().add(new Operator(BuiltinOp.FULLY_CONNECTED,
        new int[] {flat, weights(new int[] {10, 16}, 1, 0), bias(10, 1e-4f)}, new int[] {logits},
        new FullyConnectedOptions(Activation.NONE)));
    macs += 160;
    int probs = act(new int[] {1, 10}, 1f / 256, -128);
    g.operators().add(new Operator(BuiltinOp.SOFTMAX, new int[] {logits}, new int[] {probs},
        new SoftmaxOptions(1f)));
    g.setInputs(in).setOutputs(probs);
    TfliteModel m = new TfliteModel();
    m.addSubgraph(g).setDescription("Kiln benchmark conv model");
    return m;
  }
}
