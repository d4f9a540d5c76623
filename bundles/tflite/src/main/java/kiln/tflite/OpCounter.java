package kiln.tflite;

import kiln.tflite.options.Activation;
import kiln.tflite.options.Conv2DOptions;
import kiln.tflite.options.DepthwiseConv2DOptions;
import kiln.tflite.options.FullyConnectedOptions;
import kiln.tflite.options.Pool2DOptions;

/**
 * Counts multiply-accumulates and operations per operator with MLTK's conventions. MLTK has two
 * and they differ, so the caller picks one:
 *
 * <ul>
 *   <li>{@link Convention#SUMMARY}: what {@code mltk summarize} prints. conv/depthwise/FC: MACs =
 *       kernel x input depth x output elements, ops = 2 x MACs + one per output element when there
 *       is a bias (fused activations not counted); softmax 2 per element (exp, divide); RELU 2 per
 *       element; ADD and MUL 1; PAD/PADV2 6; average pool (filter area + 1), max pool filter area per
 *       output element; QUANTIZE 4, DEQUANTIZE 2 per element; RESHAPE one per element (a copy).
 *       Elementwise counts leave out the batch dimension except for RESHAPE and the FC bias.
 *   <li>{@link Convention#PROFILER}: what MLTK's TFLite Micro profiler reports (and the seed's
 *       profiling table): as SUMMARY, plus 2 ops per output element for a fused RELU, RELU_N1_TO_1
 *       or RELU6 on conv, depthwise, FC and pooling; softmax 5 per element of the last dimension;
 *       RELU/RELU6 ops 2 per element; RESHAPE 0 (in place); MEAN 0; transpose conv counted over
 *       the input; the batch dimension included in elementwise counts.
 * </ul>
 *
 * <p>Micro_speech (conv 10x8 49x40x1 to 25x20x8 with bias and ReLU, reshape, FC 4000 to 4,
 * softmax 4): SUMMARY 336,000 MACs and 680,012 ops; PROFILER 336,000 MACs and 684,024 ops.
 */
public final class OpCounter {
  /** Which of MLTK's counting rules to follow. */
  public enum Convention {
    SUMMARY,
    PROFILER
  }

  /** MACs and ops of one operator or a whole model. */
  public record Counts(long macs, long ops) {
    public static final Counts ZERO = new Counts(0, 0);

    public Counts plus(Counts o) {
      return new Counts(macs + o.macs, ops + o.ops);
    }
  }

  private OpCounter() {}

  /** Totals over the main subgraph's operators. */
  public static Counts count(TfliteModel model, Convention convention) {
    Counts total = Counts.ZERO;
    Subgraph g = model.mainSubgraph();
    for (Operator op : g.operators()) {
      total = total.plus(count(g, op, convention));
    }
    return total;
  }

  /** MACs and ops of one operator; zero for operators MLTK does not count. */
  public static Counts count(Subgraph g, Operator op, Convention convention) {
    try {
      return switch (convention) {
        case SUMMARY -> summary(g, op);
        case PROFILER -> profiler(g, op);
      };
    } catch (RuntimeException e) {
      // a malformed operator (missing tensor, wrong rank) counts nothing rather than failing
      return Counts.ZERO;
    }
  }

  private static Counts summary(Subgraph g, Operator op) {
    Tensor in = g.inputOf(op, 0);
    Tensor out = g.outputOf(op, 0);
    switch (op.op()) {
      case CONV_2D: {
        int[] f = g.inputOf(op, 1).shape();
        int[] o = out.shape();
        long outElems = (long) o[1] * o[2] * o[3];
        long macs = (long) f[1] * f[2] * in.shape()[3] * outElems;
        return new Counts(macs, 2 * macs + (op.inputs().length > 2 ? outElems : 0));
      }
      case DEPTHWISE_CONV_2D: {
        int[] f = g.inputOf(op, 1).shape();
        int[] o = out.shape();
        int inDepth = in.shape()[3];
        long perChannel = (long) (o[3] / inDepth) * inDepth * o[1] * o[2];
        long macs = (long) f[1] * f[2] * perChannel;
        return new Counts(macs, 2 * macs + (op.inputs().length > 2 ? perChannel : 0));
      }
      case FULLY_CONNECTED: {
        int[] i = in.shape();
        int[] o = out.shape();
        long macs = (long) i[i.length - 1] * o[o.length - 1];
        return new Counts(macs, 2 * macs + (op.inputs().length > 2 ? out.elementCount() : 0));
      }
      case SOFTMAX:
        return ops(2 * withoutBatch(in));
      case RELU:
        return ops(2 * withoutBatch(out));
      case ADD:
        return ops(withoutBatch(in));
      case MUL:
        return ops(withoutBatch(out));
      case PAD:
      case PADV2:
        return ops(6 * withoutBatch(out));
      case AVERAGE_POOL_2D: {
        Pool2DOptions p = op.options(Pool2DOptions.class);
        return ops(withoutBatch(out) * ((long) p.filterHeight() * p.filterWidth() + 1));
      }
      case MAX_POOL_2D: {
        Pool2DOptions p = op.options(Pool2DOptions.class);
        return ops(withoutBatch(out) * p.filterHeight() * p.filterWidth());
      }
      case QUANTIZE:
        return ops(4 * withoutBatch(in));
      case DEQUANTIZE:
        return ops(2 * withoutBatch(in));
      case RESHAPE:
        // MLTK counts a copy whenever input and output are different tensors
        return ops(op.input(0) != op.output(0) ? in.elementCount() : 0);
      default:
        return Counts.ZERO;
    }
  }

  private static Counts profiler(Subgraph g, Operator op) {
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
        return ops(outElems * area + activationOps(p.activation(), outElems));
      }
      case SOFTMAX: {
        int[] s = in.shape();
        long size = s.length == 2 ? s[1] : s[0];
        return ops(size * 5);
      }
      case ADD:
        return ops(in.elementCount());
      case MUL:
        return ops(out.elementCount());
      case QUANTIZE:
        return ops(4 * in.elementCount());
      case DEQUANTIZE:
        return ops(2 * in.elementCount());
      case PAD:
        return ops(6 * out.elementCount());
      case RELU:
      case RELU6:
        return ops(2 * in.elementCount());
      case RESIZE_NEAREST_NEIGHBOR: {
        Tensor size = g.inputOf(op, 1);
        int h = size.dataBuffer().getInt(0);
        int w = size.dataBuffer().getInt(4);
        return ops((long) h * (8 + (long) w * 8));
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

  private static Counts ops(long ops) {
    return new Counts(0, ops);
  }

  private static long withoutBatch(Tensor t) {
    int[] s = t.shape();
    long n = 1;
    for (int i = 1; i < s.length; i++) {
      n *= s[i];
    }
    return n;
  }
}
