package kiln.tflite.arena;

import kiln.tflite.Operator;
import kiln.tflite.Subgraph;
import kiln.tflite.Tensor;
import kiln.tflite.TensorType;

/** What TFLite Micro's reference kernels take from the arena while they prepare. */
final class ReferenceKernels {
  private static final long[] NONE = new long[0];

  private ReferenceKernels() {}

  /** Scratch buffers the kernel requests in Prepare (alive while the op runs). */
  static long[] scratch(Subgraph g, Operator op) {
    if (op.op() == null) {
      return NONE;
    }
    switch (op.op()) {
      case MEAN -> {
        Tensor in = tensor(g, op.input(0));
        Tensor axis = tensor(g, op.input(1));
        Tensor out = tensor(g, op.output(0));
        if (in == null || axis == null || out == null) {
          return NONE;
        }
        int rank = in.shape().length;
        if (in.type() == TensorType.INT8) {
          return new long[] {4 * out.elementCount(), 4L * rank, 4 * axis.elementCount()};
        }
        return new long[] {4L * rank, 4 * axis.elementCount()};
      }
      case TRANSPOSE_CONV -> {
        Tensor in = tensor(g, op.input(2));
        Tensor out = tensor(g, op.output(0));
        return in != null && out != null && in.type() == TensorType.INT8
            ? new long[] {4 * out.elementCount()} : NONE;
      }
      default -> {
        return NONE;
      }
    }
  }

  /** Persistent buffers the kernel allocates in Prepare: per-channel multipliers and shifts. */
  static long[] perChannel(Subgraph g, Operator op) {
    if (op.op() == null) {
      return NONE;
    }
    switch (op.op()) {
      case CONV_2D, DEPTHWISE_CONV_2D, TRANSPOSE_CONV -> {
        Tensor filter = tensor(g, op.input(1));
        int dim = op.op() == kiln.tflite.BuiltinOp.DEPTHWISE_CONV_2D ? 3 : 0;
        if (filter == null || filter.shape().length <= dim) {
          return NONE;
        }
        long channels = filter.shape()[dim];
        return new long[] {4 * channels, 4 * channels};
      }
      case FULLY_CONNECTED -> {
        Tensor filter = tensor(g, op.input(1));
        int scales = filter == null || filter.quantization() == null ? 0
            : filter.quantization().scales().length;
        return filter != null && filter.type() == TensorType.INT8 && scales > 1
            ? new long[] {4L * scales, 4L * scales} : NONE;
      }
      default -> {
        return NONE;
      }
    }
  }

  private static Tensor tensor(Subgraph g, int index) {
    return index >= 0 && index < g.tensors().size() ? g.tensor(index) : null;
  }
}
