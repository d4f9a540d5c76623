package kiln.tflite;

import static kiln.tflite.OpCounter.withoutBatch;

import kiln.tflite.OpCounter.Counts;
import kiln.tflite.options.Pool2DOptions;

/** {@link OpCounter.Convention#SUMMARY}: the counts {@code mltk summarize} prints. */
final class SummaryCounts {
  private SummaryCounts() {}

  static Counts of(Subgraph g, Operator op) {
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
        return Counts.ops(2 * withoutBatch(in));
      case RELU:
        return Counts.ops(2 * withoutBatch(out));
      case ADD:
        return Counts.ops(withoutBatch(in));
      case MUL:
        return Counts.ops(withoutBatch(out));
      case PAD:
      case PADV2:
        // MLTK's Python Pad rule is registered for both opcodes
        return Counts.ops(6 * withoutBatch(out));
      case AVERAGE_POOL_2D: {
        Pool2DOptions p = op.options(Pool2DOptions.class);
        return Counts.ops(withoutBatch(out) * ((long) p.filterHeight() * p.filterWidth() + 1));
      }
      case MAX_POOL_2D: {
        Pool2DOptions p = op.options(Pool2DOptions.class);
        return Counts.ops(withoutBatch(out) * p.filterHeight() * p.filterWidth());
      }
      case QUANTIZE:
        return Counts.ops(4 * withoutBatch(in));
      case DEQUANTIZE:
        return Counts.ops(2 * withoutBatch(in));
      case RESHAPE:
        // MLTK counts a copy whenever input and output are different tensors
        return Counts.ops(op.input(0) != op.output(0) ? in.elementCount() : 0);
      default:
        // RESIZE_NEAREST_NEIGHBOR among them: MLTK's Python metrics have no rule for it
        return Counts.ZERO;
    }
  }
}
