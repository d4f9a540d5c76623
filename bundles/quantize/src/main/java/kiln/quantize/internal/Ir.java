package kiln.quantize.internal;

import java.util.ArrayList;
import java.util.List;
import kiln.tflite.BuiltinOp;
import kiln.tflite.options.BuiltinOptions;

/**
 * A model lowered to TFLite operators, still in float: what both the float32 and the int8 writers
 * emit. Tensor index i here is tensor index i in the written float32 file (the calibrator relies on
 * it). Shapes include the batch dimension (1).
 */
final class Ir {
  /** What a tensor holds, which decides how it is quantized. */
  enum Kind {
    /** Computed at run time; int8 asymmetric per tensor from its calibrated range. */
    ACTIVATION,
    /** Conv/dense/depthwise weights; int8 symmetric, per channel along {@code channelAxis} or per tensor. */
    WEIGHT,
    /** A bias; int32 with scale input scale x weight scale (per channel like its weight). */
    BIAS,
    /** Float constant operand of ADD/MUL (unfoldable batch norm); int8 asymmetric from its values. */
    CONSTANT,
    /** Int32 shape/axis/padding operand, written unchanged; without values, an int32 computed at run time. */
    INT32,
    /**
     * An LSTM's state, a variable tensor starting at zero: the hidden state (int8 with its LSTM
     * output's quantization, which TFLite Micro copies it to) or the cell state (int16 at a power
     * of two scale from its calibrated range).
     */
    STATE
  }

  static final class T {
    final String name;
    final int[] shape;
    final Kind kind;
    float[] values; // WEIGHT, BIAS, CONSTANT
    int[] ints; // INT32
    int channelAxis = -1; // WEIGHT: per-channel axis, -1 = per tensor
    int biasInput = -1; // BIAS: the activation feeding the op
    int biasWeight = -1; // BIAS: the weight tensor of the op
    boolean cell; // STATE: the cell state (else the hidden state)
    int stateOutput = -1; // STATE: the output tensor of its LSTM

    T(String name, int[] shape, Kind kind) {
      this.name = name;
      this.shape = shape.clone();
      this.kind = kind;
    }

    int count() {
      int n = 1;
      for (int d : shape) {
        n *= d;
      }
      return n;
    }
  }

  static final class Op {
    final BuiltinOp op;
    final int[] inputs;
    final int[] outputs;
    BuiltinOptions options;
    final String layer;

    Op(BuiltinOp op, int[] inputs, int[] outputs, BuiltinOptions options, String layer) {
      this.op = op;
      this.inputs = inputs;
      this.outputs = outputs;
      this.options = options;
      this.layer = layer;
    }
  }

  final String name;
  final List<T> tensors = new ArrayList<>();
  final List<Op> ops = new ArrayList<>();
  final List<Integer> inputs = new ArrayList<>();
  final List<Integer> outputs = new ArrayList<>();
  /** Layer name -> its output tensor, for the last layer of each chain that shares a tensor. */
  final java.util.Map<String, Integer> layerOutputs = new java.util.LinkedHashMap<>();

  Ir(String name) {
    this.name = name;
  }

  int add(T t) {
    tensors.add(t);
    return tensors.size() - 1;
  }

  T t(int i) {
    return tensors.get(i);
  }

  /** The op writing tensor t, or null (graph inputs and constants). */
  Op producer(int t) {
    for (Op op : ops) {
      for (int o : op.outputs) {
        if (o == t) {
          return op;
        }
      }
    }
    return null;
  }
}
