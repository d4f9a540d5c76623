package kiln.micro;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import kiln.tflite.BuiltinOp;
import kiln.tflite.Operator;
import kiln.tflite.Quantization;
import kiln.tflite.Tensor;
import kiln.tflite.TensorType;
import kiln.tflite.TfliteModel;
import kiln.tflite.options.Activation;

/**
 * Writes random stateful sequence-op models (SVDF, UNIDIRECTIONAL_SEQUENCE_LSTM) with Kiln's
 * .tflite writer, quantized as TFLite's converter does: int8 activations with a zero point, int8
 * symmetric feature weights, int16 symmetric time weights and state, int32 bias at state scale x
 * time-weight scale, and the state a variable tensor without a buffer.
 */
final class SequenceOpModels extends OpModelWriter {

  SequenceOpModels(long seed) {
    super(seed);
  }

  int activation(TensorType type, int[] shape, float scale, int zp) {
    Tensor t = new Tensor("a" + count++, type, shape);
    if (scale > 0) {
      t.setQuantization(Quantization.perTensor(scale, zp));
    }
    return g.addTensor(t);
  }

  int variable(TensorType type, int[] shape, float scale, int zp) {
    Tensor t = new Tensor("state" + count++, type, shape).setVariable(true);
    if (scale > 0) {
      t.setQuantization(Quantization.perTensor(scale, zp));
    }
    return g.addTensor(t);
  }

  /** Int8 weights in [-127, 127], symmetric. */
  int int8Weights(int[] shape, float scale) {
    byte[] b = new byte[elements(shape)];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) between(-127, 127);
    }
    Tensor t = new Tensor("w" + count++, TensorType.INT8, shape).setData(b);
    t.setQuantization(Quantization.perTensor(scale, 0));
    return g.addTensor(t);
  }

  /** Int16 weights in [-limit, limit], symmetric. */
  int int16Weights(int[] shape, float scale, int limit) {
    int n = elements(shape);
    ByteBuffer bb = ByteBuffer.allocate(n * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      bb.putShort((short) between(-limit, limit));
    }
    Tensor t = new Tensor("w" + count++, TensorType.INT16, shape).setData(bb.array());
    t.setQuantization(Quantization.perTensor(scale, 0));
    return g.addTensor(t);
  }

  int int32Bias(int n, float scale, int limit) {
    ByteBuffer bb = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      bb.putInt(between(-limit, limit));
    }
    Tensor t = new Tensor("b" + count++, TensorType.INT32, new int[] {n}).setData(bb.array());
    t.setQuantization(Quantization.perTensor(scale, 0));
    return g.addTensor(t);
  }

  int floatWeights(int[] shape, double sd) {
    int n = elements(shape);
    ByteBuffer bb = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      bb.putFloat((float) (r.nextGaussian() * sd));
    }
    return g.addTensor(new Tensor("wf" + count++, TensorType.FLOAT32, shape).setData(bb.array()));
  }

  /**
   * Adds an int8 SVDF layer reading tensor {@code in}; returns its output tensor and the output's
   * scale's bits (to chain another layer).
   */
  int[] int8SvdfLayer(int in, int batch, int inputSize, float inScale, int units, int rank,
      int memory) {
    int filters = units * rank;
    // TFLite 2.20's int8 SVDF requires RELU (and, like TFLite Micro, applies none)
    kiln.tflite.options.SVDFOptions o = new kiln.tflite.options.SVDFOptions(rank, Activation.RELU);
    float wfScale = (float) Math.pow(10, -3 + r.nextDouble());
    // a feature product of typical size ~ 75 * 64 * sqrt(n) lands at ~ 1/4 of the int16 range
    double typical = 75.0 * 64 * Math.sqrt(inputSize);
    float stateScale = (float) (inScale * wfScale * typical * (2 + 4 * r.nextDouble()) / 32767);
    float wtScale = (float) Math.pow(10, -3 + r.nextDouble());
    int wtLimit = between(100, 3000);
    float biasScale = stateScale * wtScale;
    double timeTypical = 8000.0 * wtLimit / 2 * Math.sqrt(memory * rank);
    float outScale = (float) (biasScale * timeTypical * (1 + r.nextDouble()) / 40);
    int wf = int8Weights(new int[] {filters, inputSize}, wfScale);
    int wt = int16Weights(new int[] {filters, memory}, wtScale, wtLimit);
    int b = r.nextInt(4) == 0 ? -1 : int32Bias(units, biasScale, (int) timeTypical);
    int st = variable(TensorType.INT16, new int[] {batch, memory * filters}, stateScale, 0);
    int out = activation(TensorType.INT8, new int[] {batch, units}, outScale, between(-100, 100));
    g.operators().add(new Operator(BuiltinOp.SVDF, new int[] {in, wf, wt, b, st},
        new int[] {out}, o));
    return new int[] {out, Float.floatToIntBits(outScale)};
  }

  /**
   * A keyword_scrambled-style stack: int8 input, two SVDF layers (int16 states), the first
   * layer's int8 output feeding the second.
   */
  TfliteModel svdfStack() {
    start();
    int batch = 1;
    int inputSize = between(8, 40);
    float inScale = (float) Math.pow(10, -2 + r.nextDouble());
    int in = activation(TensorType.INT8, new int[] {batch, inputSize}, inScale, between(-128, 127));
    int units1 = between(4, 16);
    int[] first = int8SvdfLayer(in, batch, inputSize, inScale, units1, between(1, 2),
        between(2, 10));
    int[] second = int8SvdfLayer(first[0], batch, units1, Float.intBitsToFloat(first[1]),
        between(2, 8), between(1, 2), between(2, 10));
    g.setInputs(in).setOutputs(second[0]);
    TfliteModel m = new TfliteModel();
    m.addSubgraph(g);
    return m;
  }

  /** A random SVDF: batch 1-2, input 1-12, units 1-6, rank 1-3, memory 1-8. */
  TfliteModel svdf(boolean fp) {
    start();
    int batch = between(1, 2);
    int inputSize = between(1, 12);
    int units = between(1, 6);
    int rank = between(1, 3);
    int memory = between(1, 8);
    int filters = units * rank;
    kiln.tflite.options.SVDFOptions o;
    if (fp) {
      Activation[] acts = {Activation.NONE, Activation.RELU, Activation.RELU6, Activation.TANH};
      o = new kiln.tflite.options.SVDFOptions(rank, acts[r.nextInt(acts.length)]);
      int in = activation(TensorType.FLOAT32, new int[] {batch, inputSize}, 0, 0);
      int wf = floatWeights(new int[] {filters, inputSize}, 0.5);
      int wt = floatWeights(new int[] {filters, memory}, 0.5);
      int b = r.nextInt(4) == 0 ? -1 : floatWeights(new int[] {units}, 1.0);
      int st = variable(TensorType.FLOAT32, new int[] {batch, memory * filters}, 0, 0);
      int out = activation(TensorType.FLOAT32, new int[] {batch, units}, 0, 0);
      return finish(BuiltinOp.SVDF, new int[] {in, wf, wt, b, st}, new int[] {out}, o, in);
    }
    float inScale = (float) Math.pow(10, -2 + r.nextDouble());
    int in = activation(TensorType.INT8, new int[] {batch, inputSize}, inScale, between(-128, 127));
    int[] out = int8SvdfLayer(in, batch, inputSize, inScale, units, rank, memory);
    g.setInputs(in).setOutputs(out[0]);
    TfliteModel m = new TfliteModel();
    m.addSubgraph(g);
    return m;
  }

  /**
   * A random float UNIDIRECTIONAL_SEQUENCE_LSTM: batch 1-3, time 1-5, features 1-6, state 1-6,
   * either time layout, a cell clip half of the time; 24 inputs as the converter writes them.
   */
  TfliteModel floatLstm(boolean timeMajor) {
    start();
    int batch = between(1, 3);
    int time = between(1, 5);
    int features = between(1, 6);
    int state = between(1, 6);
    float clip = r.nextBoolean() ? 0f : (float) (0.5 + 2 * r.nextDouble());
    int[] inShape = timeMajor ? new int[] {time, batch, features} : new int[] {batch, time, features};
    int[] ins = new int[24];
    java.util.Arrays.fill(ins, -1);
    ins[0] = activation(TensorType.FLOAT32, inShape, 0, 0);
    for (int g = 0; g < 4; g++) {
      ins[1 + g] = floatWeights(new int[] {state, features}, 0.6);
      ins[5 + g] = floatWeights(new int[] {state, state}, 0.6);
      ins[12 + g] = floatWeights(new int[] {state}, 0.5);
    }
    ins[18] = variable(TensorType.FLOAT32, new int[] {batch, state}, 0, 0);
    ins[19] = variable(TensorType.FLOAT32, new int[] {batch, state}, 0, 0);
    int out = activation(TensorType.FLOAT32, new int[] {inShape[0], inShape[1], state}, 0, 0);
    return finish(BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM, ins, new int[] {out},
        new kiln.tflite.options.UnidirectionalSequenceLSTMOptions(Activation.TANH, clip, 0f,
            timeMajor), ins[0]);
  }

  /**
   * A random LSTM twice: float32 and int8 (int16 cell) with the same weights, quantized as the
   * converter does (per-tensor symmetric int8 weights, int32 biases at input x weight scale, hidden
   * state and output at scale 1/120 with a small zero point, cell at 2^-11); the float model holds
   * the quantized weights' exact values, and its input is the int8 input's dequantized value
   * (scale 1/32, zero point 0).
   */
  TfliteModel[] lstmPair(boolean timeMajor) {
    int batch = between(1, 3);
    int time = between(1, 5);
    int features = between(1, 6);
    int state = between(1, 6);
    float clip = r.nextBoolean() ? 0f : 3f;
    float[][][] w = new float[4][][];
    for (int g = 0; g < 4; g++) {
      w[g] = new float[][] {gaussian(state * features, 0.6), gaussian(state * state, 0.6),
          gaussian(state, 0.5)};
    }
    float inScale = 1f / 32;
    float[][] scales = new float[4][3];
    for (int g = 0; g < 4; g++) {
      for (int m = 0; m < 2; m++) {
        scales[g][m] = maxAbs(w[g][m]) / 127f;
        w[g][m] = requantized(w[g][m], scales[g][m]);
      }
      scales[g][2] = inScale * scales[g][0];
      w[g][2] = requantized(w[g][2], scales[g][2]);
    }
    int hiddenZp = between(-3, 3);
    TfliteModel[] pair = new TfliteModel[2];
    for (int k = 0; k < 2; k++) {
      boolean q = k == 1;
      start();
      int[] inShape = timeMajor ? new int[] {time, batch, features}
          : new int[] {batch, time, features};
      int[] ins = new int[24];
      java.util.Arrays.fill(ins, -1);
      ins[0] = q ? activation(TensorType.INT8, inShape, inScale, 0)
          : activation(TensorType.FLOAT32, inShape, 0, 0);
      float hiddenScale = 1f / 120;
      for (int g = 0; g < 4; g++) {
        int[][] shapes = {{state, features}, {state, state}};
        for (int m = 0; m < 2; m++) {
          int slot = (m == 0 ? 1 : 5) + g;
          if (q) {
            ins[slot] = int8Const(shapes[m], w[g][m], scales[g][m]);
          } else {
            ins[slot] = floatConst(shapes[m], w[g][m]);
          }
        }
      }
      for (int g = 0; g < 4; g++) {
        if (q) {
          ins[12 + g] = int32Const(w[g][2], scales[g][2]);
        } else {
          ins[12 + g] = floatConst(new int[] {state}, w[g][2]);
        }
      }
      ins[18] = q ? variable(TensorType.INT8, new int[] {batch, state}, hiddenScale, hiddenZp)
          : variable(TensorType.FLOAT32, new int[] {batch, state}, 0, 0);
      ins[19] = q ? variable(TensorType.INT16, new int[] {batch, state}, 1f / 2048, 0)
          : variable(TensorType.FLOAT32, new int[] {batch, state}, 0, 0);
      int[] outShape = {inShape[0], inShape[1], state};
      int out = q ? activation(TensorType.INT8, outShape, hiddenScale, hiddenZp)
          : activation(TensorType.FLOAT32, outShape, 0, 0);
      pair[k] = finish(BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM, ins, new int[] {out},
          new kiln.tflite.options.UnidirectionalSequenceLSTMOptions(Activation.TANH, clip, 0f,
              timeMajor), ins[0]);
    }
    return pair;
  }

  /**
   * A random LSTM twice, float32 and 16x8 (int16 activations and cell, int8 weights, int64
   * biases), with the same weights, quantized as the converter's 16x8 mode does: per-tensor
   * symmetric int8 weights, int64 biases at input x weight scale, symmetric int16 input and hidden
   * state (zero point 0), the cell at a power of two from 2^-10 to 2^-13 (both of TFLite Micro's
   * tanh input scalings). Batch 1-3, time 1-5, features and state up to {@code maxSize}, a cell
   * clip half of the time. The float model holds the quantized weights' exact values; its input is
   * the int16 input's dequantized value ({@link #LSTM16_INPUT_SCALE}, zero point 0).
   */
  TfliteModel[] lstm16Pair(boolean timeMajor, int maxSize) {
    int batch = between(1, 3);
    int time = between(1, 5);
    int features = between(1, maxSize);
    int state = between(1, maxSize);
    float clip = r.nextBoolean() ? 0f : (float) (1 + 2 * r.nextDouble());
    float[][][] w = new float[4][][];
    for (int g = 0; g < 4; g++) {
      w[g] = new float[][] {gaussian(state * features, 1.2 / Math.sqrt(features)),
          gaussian(state * state, 1.2 / Math.sqrt(state)), gaussian(state, 0.5)};
    }
    float inScale = LSTM16_INPUT_SCALE;
    float[][] scales = new float[4][3];
    for (int g = 0; g < 4; g++) {
      for (int m = 0; m < 2; m++) {
        scales[g][m] = maxAbs(w[g][m]) / 127f;
        w[g][m] = requantized(w[g][m], scales[g][m]);
      }
      scales[g][2] = inScale * scales[g][0];
      w[g][2] = requantized(w[g][2], scales[g][2]);
    }
    // the hidden state lies in (-1, 1): a scale a little over 1/32768
    float hiddenScale = (float) ((1 + 0.5 * r.nextDouble()) / 32768);
    float cellScale = (float) Math.pow(2, -between(10, 13));
    TfliteModel[] pair = new TfliteModel[2];
    for (int k = 0; k < 2; k++) {
      boolean q = k == 1;
      start();
      int[] inShape = timeMajor ? new int[] {time, batch, features}
          : new int[] {batch, time, features};
      int[] ins = new int[24];
      java.util.Arrays.fill(ins, -1);
      ins[0] = q ? activation(TensorType.INT16, inShape, inScale, 0)
          : activation(TensorType.FLOAT32, inShape, 0, 0);
      for (int g = 0; g < 4; g++) {
        int[][] shapes = {{state, features}, {state, state}};
        for (int m = 0; m < 2; m++) {
          int slot = (m == 0 ? 1 : 5) + g;
          ins[slot] = q ? int8Const(shapes[m], w[g][m], scales[g][m])
              : floatConst(shapes[m], w[g][m]);
        }
        ins[12 + g] = q ? int64Const(w[g][2], scales[g][2])
            : floatConst(new int[] {state}, w[g][2]);
      }
      ins[18] = q ? variable(TensorType.INT16, new int[] {batch, state}, hiddenScale, 0)
          : variable(TensorType.FLOAT32, new int[] {batch, state}, 0, 0);
      ins[19] = q ? variable(TensorType.INT16, new int[] {batch, state}, cellScale, 0)
          : variable(TensorType.FLOAT32, new int[] {batch, state}, 0, 0);
      int[] outShape = {inShape[0], inShape[1], state};
      int out = q ? activation(TensorType.INT16, outShape, hiddenScale, 0)
          : activation(TensorType.FLOAT32, outShape, 0, 0);
      pair[k] = finish(BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM, ins, new int[] {out},
          new kiln.tflite.options.UnidirectionalSequenceLSTMOptions(Activation.TANH, clip, 0f,
              timeMajor), ins[0]);
    }
    return pair;
  }

  /** The 16x8 LSTM input's scale: int16 values cover about +-4. */
  static final float LSTM16_INPUT_SCALE = 4f / 32767;

  int int64Const(float[] v, float scale) {
    ByteBuffer bb = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (float x : v) {
      bb.putLong(Math.round((double) x / scale));
    }
    Tensor t = new Tensor("b" + count++, TensorType.INT64, new int[] {v.length})
        .setData(bb.array());
    t.setQuantization(Quantization.perTensor(scale, 0));
    return g.addTensor(t);
  }

  private float[] gaussian(int n, double sd) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (r.nextGaussian() * sd);
    }
    return v;
  }

  private static float maxAbs(float[] v) {
    float m = 1e-6f;
    for (float x : v) {
      m = Math.max(m, Math.abs(x));
    }
    return m;
  }

  private static float[] requantized(float[] v, float scale) {
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Math.round(v[i] / scale) * scale;
    }
    return out;
  }

  private int int8Const(int[] shape, float[] v, float scale) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) Math.round(v[i] / scale);
    }
    Tensor t = new Tensor("w" + count++, TensorType.INT8, shape).setData(b);
    t.setQuantization(Quantization.perTensor(scale, 0));
    return g.addTensor(t);
  }

  private int int32Const(float[] v, float scale) {
    ByteBuffer bb = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float x : v) {
      bb.putInt(Math.round(x / scale));
    }
    Tensor t = new Tensor("b" + count++, TensorType.INT32, new int[] {v.length})
        .setData(bb.array());
    t.setQuantization(Quantization.perTensor(scale, 0));
    return g.addTensor(t);
  }

  private int floatConst(int[] shape, float[] v) {
    ByteBuffer bb = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float x : v) {
      bb.putFloat(x);
    }
    return g.addTensor(new Tensor("wf" + count++, TensorType.FLOAT32, shape).setData(bb.array()));
  }
}
