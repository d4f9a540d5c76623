package kiln.quantize.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import kiln.api.KilnException;
import kiln.quantize.internal.Ir.Kind;
import kiln.quantize.internal.Ir.Op;
import kiln.quantize.internal.Ir.T;
import kiln.tflite.BuiltinOp;
import kiln.tflite.Operator;
import kiln.tflite.OperatorCode;
import kiln.tflite.Quantization;
import kiln.tflite.Subgraph;
import kiln.tflite.Tensor;
import kiln.tflite.TensorType;
import kiln.tflite.TfliteModel;

/**
 * Writes the lowered model as an int8 .tflite: weights int8 symmetric (per output channel for
 * convolutions, per tensor for FULLY_CONNECTED as the TensorFlow converter does), activations int8
 * asymmetric per tensor, biases int32 with scale input scale x weight scale, an LSTM's states int8
 * (hidden) and int16 (cell) as {@link ActivationParams} gives them, and float32 model
 * inputs/outputs through QUANTIZE/DEQUANTIZE when asked.
 */
final class Int8Writer {
  private Int8Writer() {}

  static TfliteModel write(Ir ir, ActivationParams act, boolean floatInput, boolean floatOutput) {
    Subgraph g = new Subgraph();
    g.setName("main");
    float[][] weightScales = new float[ir.tensors.size()][];
    // weights first: biases need their scales
    List<Tensor> out = new ArrayList<>();
    for (int i = 0; i < ir.tensors.size(); i++) {
      out.add(null);
    }
    for (int i = 0; i < ir.tensors.size(); i++) {
      T t = ir.t(i);
      if (t.kind == Kind.WEIGHT) {
        weightScales[i] = weightScales(t);
        out.set(i, weightTensor(t, weightScales[i]));
      }
    }
    for (int i = 0; i < ir.tensors.size(); i++) {
      T t = ir.t(i);
      switch (t.kind) {
        case ACTIVATION -> out.set(i, new Tensor(t.name, TensorType.INT8, t.shape)
            .setQuantization(Quantization.perTensor(act.scale[i], act.zeroPoint[i])));
        case INT32 -> out.set(i, t.ints == null ? new Tensor(t.name, TensorType.INT32, t.shape)
            : new Tensor(t.name, TensorType.INT32, t.shape).setData(FloatWriter.ints(t.ints)));
        case CONSTANT -> out.set(i, constantTensor(t));
        case BIAS -> out.set(i, biasTensor(t, act.scale[t.biasInput], weightScales[t.biasWeight]));
        case STATE -> out.set(i, new Tensor(t.name, t.cell ? TensorType.INT16 : TensorType.INT8, t.shape)
            .setVariable(true).setQuantization(Quantization.perTensor(act.scale[i], act.zeroPoint[i])));
        default -> {}
      }
    }
    for (Tensor t : out) {
      g.addTensor(t);
    }
    List<Operator> ops = new ArrayList<>();
    int[] inputs = ir.inputs.stream().mapToInt(Integer::intValue).toArray();
    int[] outputs = ir.outputs.stream().mapToInt(Integer::intValue).toArray();
    for (int k = 0; k < inputs.length; k++) {
      int q = inputs[k];
      Tensor qt = g.tensor(q);
      if (floatInput) {
        int f = g.addTensor(new Tensor(qt.name(), TensorType.FLOAT32, qt.shape()));
        qt.setName(qt.name() + "_int8");
        ops.add(new Operator(OperatorCode.of(BuiltinOp.QUANTIZE, 1), new int[] {f}, new int[] {q}, null));
        inputs[k] = f;
      } else {
        qt.setName(qt.name() + "_int8");
      }
    }
    for (Op op : ir.ops) {
      Operator o = new Operator(OperatorCode.of(op.op, int8Version(op.op)), op.inputs, op.outputs, op.options);
      if (op.op == BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM) {
        o.setIntermediates(lstmIntermediates(g, op, act));
      }
      ops.add(o);
    }
    for (int k = 0; k < outputs.length; k++) {
      int q = outputs[k];
      Tensor qt = g.tensor(q);
      if (floatOutput) {
        int f = g.addTensor(new Tensor(qt.name(), TensorType.FLOAT32, qt.shape()));
        qt.setName(qt.name() + "_int8");
        ops.add(new Operator(OperatorCode.of(BuiltinOp.DEQUANTIZE, 2), new int[] {q}, new int[] {f}, null));
        outputs[k] = f;
      } else {
        qt.setName(qt.name() + "_int8");
      }
    }
    g.operators().addAll(ops);
    g.setInputs(inputs);
    g.setOutputs(outputs);
    TfliteModel m = new TfliteModel();
    m.addSubgraph(g);
    return m;
  }

  /**
   * The five intermediate tensors the converter gives an int8 LSTM: the gate matmul outputs of
   * gates i, f, c, o (int16 at 2^-12, the fixed Q3.12 both runtimes use without layer norm) and the
   * hidden state (int8, the output state's scale and zero point). TFLite reads the hidden one's
   * quantization (its integer kernel refuses an LSTM without them); TFLite Micro ignores them.
   */
  private static int[] lstmIntermediates(Subgraph g, Op op, ActivationParams act) {
    int[] t = new int[5];
    for (int k = 0; k < 4; k++) {
      t[k] = g.addTensor(new Tensor(g.tensor(op.outputs[0]).name() + "/intermediate_" + k, TensorType.INT16,
          new int[0]).setQuantization(Quantization.perTensor(0.000244140625f, 0)));
    }
    int hidden = op.inputs[18];
    t[4] = g.addTensor(new Tensor(g.tensor(op.outputs[0]).name() + "/intermediate_4", TensorType.INT8, new int[0])
        .setQuantization(Quantization.perTensor(act.scale[hidden], act.zeroPoint[hidden])));
    return t;
  }

  /** Symmetric scales: max |w| / 127 per channel (or for the whole tensor). */
  static float[] weightScales(T t) {
    int channels = t.channelAxis < 0 ? 1 : t.shape[t.channelAxis];
    float[] max = new float[channels];
    int inner = 1;
    if (t.channelAxis >= 0) {
      for (int d = t.channelAxis + 1; d < t.shape.length; d++) {
        inner *= t.shape[d];
      }
    }
    for (int i = 0; i < t.values.length; i++) {
      int c = channels == 1 ? 0 : (i / inner) % channels;
      max[c] = Math.max(max[c], Math.abs(t.values[i]));
    }
    float[] s = new float[channels];
    for (int c = 0; c < channels; c++) {
      s[c] = max[c] == 0f ? 1f : max[c] / 127f;
    }
    return s;
  }

  private static Tensor weightTensor(T t, float[] scales) {
    int channels = scales.length;
    int inner = 1;
    if (t.channelAxis >= 0) {
      for (int d = t.channelAxis + 1; d < t.shape.length; d++) {
        inner *= t.shape[d];
      }
    }
    byte[] q = new byte[t.values.length];
    for (int i = 0; i < q.length; i++) {
      int c = channels == 1 ? 0 : (i / inner) % channels;
      long v = Math.round(t.values[i] / scales[c]);
      q[i] = (byte) Math.max(-127, Math.min(127, v));
    }
    Quantization quant = t.channelAxis < 0
        ? Quantization.perTensor(scales[0], 0)
        : Quantization.perChannel(scales, new long[channels], t.channelAxis);
    return new Tensor(t.name, TensorType.INT8, t.shape).setData(q).setQuantization(quant);
  }

  private static Tensor biasTensor(T t, float inputScale, float[] weightScales) {
    if (weightScales == null) {
      throw new KilnException("bias '" + t.name + "': its weights were not quantized");
    }
    int n = t.values.length;
    float[] scales = new float[weightScales.length];
    for (int c = 0; c < scales.length; c++) {
      scales[c] = inputScale * weightScales[c];
    }
    int[] q = new int[n];
    for (int i = 0; i < n; i++) {
      double s = scales.length == 1 ? scales[0] : scales[i];
      long v = Math.round(t.values[i] / s);
      q[i] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }
    Quantization quant = scales.length == 1
        ? Quantization.perTensor(scales[0], 0)
        : Quantization.perChannel(scales, new long[scales.length], 0);
    return new Tensor(t.name, TensorType.INT32, t.shape).setData(FloatWriter.ints(q)).setQuantization(quant);
  }

  /** ADD/MUL constant operands: int8 asymmetric from their own values. */
  private static Tensor constantTensor(T t) {
    float lo = 0f;
    float hi = 0f;
    for (float v : t.values) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    float[] sz = ActivationParams.asymmetric(lo, hi);
    byte[] q = new byte[t.values.length];
    for (int i = 0; i < q.length; i++) {
      long v = Math.round(t.values[i] / sz[0]) + (long) sz[1];
      q[i] = (byte) Math.max(-128, Math.min(127, v));
    }
    return new Tensor(t.name, TensorType.INT8, t.shape).setData(q)
        .setQuantization(Quantization.perTensor(sz[0], (long) sz[1]));
  }

  /** The operator versions the TensorFlow converter gives int8 kernels. */
  static int int8Version(BuiltinOp op) {
    return switch (op) {
      case CONV_2D, DEPTHWISE_CONV_2D, TRANSPOSE_CONV -> 3;
      case FULLY_CONNECTED -> 4;
      // the full-integer LSTM is version 1 (2 and 3 are the hybrid float-input ones)
      case RESHAPE, HARD_SWISH, SHAPE, UNIDIRECTIONAL_SEQUENCE_LSTM -> 1;
      default -> 2;
    };
  }

  static String describe(int[] shape) {
    return Arrays.toString(shape);
  }
}
