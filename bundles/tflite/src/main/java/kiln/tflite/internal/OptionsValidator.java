package kiln.tflite.internal;

import java.util.Arrays;
import java.util.Map;
import kiln.api.KilnException;
import kiln.tflite.BuiltinOp;
import kiln.tflite.ModelLimits;
import kiln.tflite.Operator;
import kiln.tflite.Subgraph;
import kiln.tflite.Tensor;
import kiln.tflite.options.BuiltinOptions;
import kiln.tflite.options.ConcatenationOptions;
import kiln.tflite.options.Conv2DOptions;
import kiln.tflite.options.DepthwiseConv2DOptions;
import kiln.tflite.options.GenericOptions;
import kiln.tflite.options.LeakyReluOptions;
import kiln.tflite.options.Pool2DOptions;
import kiln.tflite.options.ReshapeOptions;
import kiln.tflite.options.SoftmaxOptions;
import kiln.tflite.options.SqueezeOptions;
import kiln.tflite.options.TransposeConvOptions;

/**
 * Checks an operator's builtin options: the options table is the one its operator takes, and
 * strides, dilations, windows, axes and shapes are values the operator can use with the model's
 * tensors (within {@link ModelLimits}), so the runtime and the profiler compute with them safely.
 */
final class OptionsValidator {
  private OptionsValidator() {}

  /** The options table each operator Kiln interprets takes (TFLite's schema). */
  private static final Map<BuiltinOp, String> EXPECTED = Map.ofEntries(
      Map.entry(BuiltinOp.CONV_2D, "Conv2DOptions"),
      Map.entry(BuiltinOp.DEPTHWISE_CONV_2D, "DepthwiseConv2DOptions"),
      Map.entry(BuiltinOp.FULLY_CONNECTED, "FullyConnectedOptions"),
      Map.entry(BuiltinOp.AVERAGE_POOL_2D, "Pool2DOptions"),
      Map.entry(BuiltinOp.MAX_POOL_2D, "Pool2DOptions"),
      Map.entry(BuiltinOp.L2_POOL_2D, "Pool2DOptions"),
      Map.entry(BuiltinOp.SOFTMAX, "SoftmaxOptions"),
      Map.entry(BuiltinOp.RESHAPE, "ReshapeOptions"),
      Map.entry(BuiltinOp.ADD, "AddOptions"),
      Map.entry(BuiltinOp.SUB, "SubOptions"),
      Map.entry(BuiltinOp.MUL, "MulOptions"),
      Map.entry(BuiltinOp.DIV, "DivOptions"),
      Map.entry(BuiltinOp.CONCATENATION, "ConcatenationOptions"),
      Map.entry(BuiltinOp.MEAN, "ReducerOptions"),
      Map.entry(BuiltinOp.SUM, "ReducerOptions"),
      Map.entry(BuiltinOp.REDUCE_MAX, "ReducerOptions"),
      Map.entry(BuiltinOp.REDUCE_MIN, "ReducerOptions"),
      Map.entry(BuiltinOp.REDUCE_PROD, "ReducerOptions"),
      Map.entry(BuiltinOp.SQUEEZE, "SqueezeOptions"),
      Map.entry(BuiltinOp.STRIDED_SLICE, "StridedSliceOptions"),
      Map.entry(BuiltinOp.TRANSPOSE_CONV, "TransposeConvOptions"),
      Map.entry(BuiltinOp.LEAKY_RELU, "LeakyReluOptions"),
      Map.entry(BuiltinOp.PACK, "PackOptions"),
      Map.entry(BuiltinOp.SVDF, "SVDFOptions"),
      Map.entry(BuiltinOp.UNIDIRECTIONAL_SEQUENCE_LSTM, "UnidirectionalSequenceLSTMOptions"));

  /** {@code where} names the file, subgraph and operator, as messages start. */
  static void check(Operator op, Subgraph g, String where) {
    BuiltinOptions o = op.options();
    if (o == null) {
      return;
    }
    String expected = EXPECTED.get(op.op());
    if (expected != null && !expected.equals(o.typeName())) {
      throw new KilnException(where + ": options are " + o.typeName() + ", expected "
          + expected);
    }
    if (o instanceof Conv2DOptions c) {
      window(where, "stride", c.strideW(), c.strideH(), 1);
      window(where, "dilation", c.dilationW(), c.dilationH(), 1);
      extent(op, g, where, c.dilationW(), c.dilationH());
    } else if (o instanceof DepthwiseConv2DOptions d) {
      window(where, "stride", d.strideW(), d.strideH(), 1);
      window(where, "dilation", d.dilationW(), d.dilationH(), 1);
      // TFLite's kernels derive the multiplier from the shapes; 0 means "not given"
      window(where, "depth multiplier", d.depthMultiplier(), d.depthMultiplier(), 0);
      extent(op, g, where, d.dilationW(), d.dilationH());
    } else if (o instanceof Pool2DOptions p) {
      window(where, "stride", p.strideW(), p.strideH(), 1);
      window(where, "filter", p.filterWidth(), p.filterHeight(), 1);
    } else if (o instanceof TransposeConvOptions t) {
      window(where, "stride", t.strideW(), t.strideH(), 1);
    } else if (o instanceof ConcatenationOptions c) {
      axis(where, "axis", c.axis(), rank(g, op.output(0)));
    } else if (o instanceof SqueezeOptions s) {
      for (int d : s.squeezeDims()) {
        axis(where, "squeeze_dims entry", d, rank(g, op.input(0)));
      }
    } else if (o instanceof ReshapeOptions r) {
      newShape(where, r.newShape());
    } else if (o instanceof SoftmaxOptions s) {
      finite(where, "beta", s.beta());
    } else if (o instanceof LeakyReluOptions l) {
      finite(where, "alpha", l.alpha());
    } else if (o instanceof GenericOptions p && p.typeName().equals("PackOptions")
        && p.fields().get("axis") instanceof Number axis) {
      // the output has one dimension more than each input
      axis(where, "axis", axis.intValue(), rank(g, op.input(0)) + 1);
    }
  }

  private static void window(String where, String what, int w, int h, int min) {
    for (int v : new int[] {w, h}) {
      if (v < min || v > ModelLimits.MAX_WINDOW) {
        throw new KilnException(where + ": " + what + " " + w + "x" + h + ", expected each "
            + "from " + min + " to " + ModelLimits.MAX_WINDOW);
      }
    }
  }

  /** A dilated filter's extent, (size - 1) * dilation + 1, must stay a tensor-sized number. */
  private static void extent(Operator op, Subgraph g, String where, int dilationW,
      int dilationH) {
    int f = op.input(1);
    if (f < 0 || f >= g.tensors().size()) {
      return;
    }
    int[] s = g.tensor(f).shape();
    if (s.length != 4) {
      return;
    }
    long h = (long) (s[1] - 1) * dilationH + 1;
    long w = (long) (s[2] - 1) * dilationW + 1;
    if (h > ModelLimits.MAX_TENSOR_ELEMENTS || w > ModelLimits.MAX_TENSOR_ELEMENTS) {
      throw new KilnException(where + ": filter " + s[1] + "x" + s[2] + " dilated by "
          + dilationH + "x" + dilationW + " covers " + h + "x" + w + ", expected at most "
          + ModelLimits.MAX_TENSOR_ELEMENTS + " in each direction");
    }
  }

  /** The rank of a tensor, or -1 when the index is absent (other checks report bad ones). */
  private static int rank(Subgraph g, int tensor) {
    return tensor < 0 || tensor >= g.tensors().size() ? -1 : g.tensor(tensor).shape().length;
  }

  private static void axis(String where, String what, int axis, int rank) {
    if (rank < 0) {
      return;
    }
    int r = Math.max(rank, 1);
    if (axis < -r || axis >= r) {
      throw new KilnException(where + ": " + what + " " + axis + ", expected -" + r + " to "
          + (r - 1) + " for a tensor of rank " + rank);
    }
  }

  private static void newShape(String where, int[] shape) {
    if (shape.length > ModelLimits.MAX_RANK) {
      throw new KilnException(where + ": new_shape has " + shape.length + " dimensions, "
          + "expected at most " + ModelLimits.MAX_RANK);
    }
    int inferred = 0;
    for (int d : shape) {
      if (d < -1 || (d == -1 && ++inferred > 1)) {
        throw new KilnException(where + ": new_shape " + Arrays.toString(shape)
            + ", expected sizes of 0 or more and at most one -1 (inferred)");
      }
    }
  }

  private static void finite(String where, String what, float v) {
    if (!Float.isFinite(v)) {
      throw new KilnException(where + ": " + what + " is " + v + ", expected a finite number");
    }
  }
}
