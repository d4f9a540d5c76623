package kiln.tflite;

import kiln.tflite.OpCounter.Counts;
import kiln.tflite.options.Activation;
import kiln.tflite.options.Conv2DOptions;
import kiln.tflite.options.DepthwiseConv2DOptions;
import kiln.tflite.options.FullyConnectedOptions;
import kiln.tflite.options.Pool2DOptions;

/** {@link OpCounter.Convention#PROFILER}: the counts MLTK's on-device profiler reports. */
final class ProfilerCounts {
  /** MLTK's approximation of the operations of one GetNearestNeighbor() call. */
  private static final long NEAREST_NEIGHBOR_OPS = 8;

  private ProfilerCounts() {}

  static Counts of(Subgraph g, Operator op) {
    Tensor in = g.inputOf(op, 0);
    Tensor out = g.outputOf(op, 0);
    switch (op.op()) {
      case FULLY_CONNECTED: {
        int[] w = g.inputOf(op, 1).shape();
        int[] o = out.shape();
        long outDepth = o[o.length - 1];
        long macs = outDepth * w[w.length - 1];
        FullyConnectedOptions opt = op.options(FullyConnectedOptions.class);
        long ops = 2 * macs + (op.input(2) >= 0 ? outDepth : 0)
            + activationOps(opt == null ? null : opt.activation(), outDepth);
        return new Counts(macs, ops);
      }
      case CONV_2D: {
        int[] f = g.inputOf(op, 1).shape();
        int[] o = out.shape();
        long outElems = (long) o[1] * o[2] * o[3];
        long macs = (long) f[1] * f[2] * in.shape()[3] * outElems;
        Conv2DOptions opt = op.options(Conv2DOptions.class);
        long ops = 2 * macs + (op.input(2) >= 0 ? outElems : 0)
            + activationOps(opt == null ? null : opt.activation(), outElems);
        return new Counts(macs, ops);
      }
      case DEPTHWISE_CONV_2D: {
        int[] f = g.inputOf(op, 1).shape();
        int[] o = out.shape();
        DepthwiseConv2DOptions opt = op.options(DepthwiseConv2DOptions.class);
        int multiplier = opt == null ? 1 : opt.depthMultiplier();
        long perChannel = (long) multiplier * in.shape()[3] * o[1] * o[2];
        long macs = (long) f[1] * f[2] * perChannel;
        long ops = 2 * macs + (op.input(2) >= 0 ? perChannel : 0)
            + activationOps(opt == null ? null : opt.activation(), perChannel);
        return new Counts(macs, ops);
      }
      case TRANSPOSE_CONV: {
        // inputs: output shape, filter, input, bias
        int[] f = g.inputOf(op, 1).shape();
        int[] i = g.inputOf(op, 2).shape();
        int[] o = out.shape();
        long macs = (long) f[1] * f[2] * o[3] * i[1] * i[2] * i[3];
        long ops = 2 * macs + (op.input(3) >= 0 ? (long) o[1] * o[2] * o[3] : 0);
        return new Counts(macs, ops);
      }
      case MAX_POOL_2D:
      case AVERAGE_POOL_2D: {
        Pool2DOptions p = op.options(Pool2DOptions.class);
        int[] o = out.shape();
        long outElems = (long) o[1] * o[2] * o[3];
        long area = (long) p.filterWidth() * p.filterHeight()
            + (op.op() == BuiltinOp.AVERAGE_POOL_2D ? 1 : 0);
        return Counts.ops(outElems * area + activationOps(p.activation(), outElems));
      }
      case SOFTMAX: {
        int[] s = in.shape();
        long size = s.length == 2 ? s[1] : s[0];
        return Counts.ops(size * 5);
      }
      case ADD:
        return Counts.ops(in.elementCount());
      case MUL:
        return Counts.ops(out.elementCount());
      case QUANTIZE:
        return Counts.ops(4 * in.elementCount());
      case DEQUANTIZE:
        return Counts.ops(2 * in.elementCount());
      case PAD:
        // PAD only: the profiler has no rule for PADV2
        return Counts.ops(6 * out.elementCount());
      case RELU:
      case RELU6:
        return Counts.ops(2 * in.elementCount());
      case RESIZE_NEAREST_NEIGHBOR: {
        // the size input holds the output height and width (int32)
        Tensor size = g.inputOf(op, 1);
        long h = size.dataBuffer().getInt(0);
        long w = size.dataBuffer().getInt(4);
        return Counts.ops(h * (NEAREST_NEIGHBOR_OPS + w * NEAREST_NEIGHBOR_OPS));
      }
      default:
        // RESHAPE runs in place in TFLite Micro; MEAN is reported as 0 by MLTK's profiler
        return Counts.ZERO;
    }
  }

  private static long activationOps(Activation a, long count) {
    if (a == Activation.RELU || a == Activation.RELU_N1_TO_1 || a == Activation.RELU6) {
      return 2 * count;
    }
    return 0;
  }
}
