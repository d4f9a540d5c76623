package kiln.profile;

import kiln.tflite.Operator;
import kiln.tflite.Subgraph;
import kiln.tflite.Tensor;
import kiln.tflite.options.Activation;
import kiln.tflite.options.BuiltinOptions;
import kiln.tflite.options.Conv2DOptions;
import kiln.tflite.options.DepthwiseConv2DOptions;
import kiln.tflite.options.FullyConnectedOptions;
import kiln.tflite.options.Pool2DOptions;

/**
 * Counts an op's operations and multiply-accumulates the way MLTK's on-device profiler does
 * (which is why a profile says 684.0k ops for tflite_micro_speech where {@code summarize}, which
 * counts in Python from the Keras layers, says 680.012k). Per op:
 *
 * <ul>
 *   <li>conv_2d: MACs = kh*kw*in_c * out_h*out_w*out_c; ops = 2*MACs, + 1 per output with a bias,
 *       + 2 per output for a fused relu/relu6/relu_n1_to_1 (min and max)
 *   <li>depthwise_conv_2d: MACs = kh*kw*multiplier*in_c * out_h*out_w; ops as conv_2d
 *   <li>fully_connected: MACs = output depth * accumulation depth; ops as conv_2d over the output
 *       depth
 *   <li>transpose_conv: MACs = kh*kw*out_c * in_h*in_w*in_c; ops = 2*MACs + bias
 *   <li>max_pool_2d: ops = outputs * window; average_pool_2d: outputs * (window + 1); + activation
 *   <li>softmax: 5 per element of the class dimension; add: 1 per input element; mul: 1 per output
 *       element; quantize: 4 per element; dequantize: 2; pad: 6 per output element; relu/relu6: 2
 *   <li>reshape (in place in TFLite Micro), mean, shape, strided_slice, pack and the rest: 0
 * </ul>
 */
final class OpCounter {
  /** Operations and multiply-accumulates of one op. */
  record Count(long ops, long macs) {}

  private OpCounter() {}

  static Count count(Subgraph g, Operator op) {
    Tensor in = g.inputOf(op, 0);
    Tensor w = g.inputOf(op, 1);
    Tensor bias = g.inputOf(op, 2);
    Tensor out = g.outputOf(op, 0);
    int[] o = out == null ? new int[0] : out.shape();
    long outElems = elements(o);
    BuiltinOptions options = op.options();
    String name = op.op() == null ? "" : op.op().displayName();
    switch (name) {
      case "conv_2d" -> {
        int[] f = shape(w);
        if (f.length != 4 || o.length != 4) {
          return new Count(0, 0);
        }
        long macs = (long) f[1] * f[2] * dim(shape(in), 3) * outElems;
        long ops = 2 * macs + (bias != null ? outElems : 0)
            + activationOps(options instanceof Conv2DOptions c ? c.activation() : null, outElems);
        return new Count(ops, macs);
      }
      case "depthwise_conv_2d" -> {
        int[] f = shape(w);
        if (f.length != 4 || o.length != 4) {
          return new Count(0, 0);
        }
        int multiplier = options instanceof DepthwiseConv2DOptions d ? d.depthMultiplier() : 1;
        long perChannel = (long) multiplier * dim(shape(in), 3) * o[1] * o[2];
        long macs = (long) f[1] * f[2] * perChannel;
        long ops = 2 * macs + (bias != null ? perChannel : 0)
            + activationOps(options instanceof DepthwiseConv2DOptions d ? d.activation() : null,
                perChannel);
        return new Count(ops, macs);
      }
      case "fully_connected" -> {
        int[] f = shape(w);
        int outputDepth = o.length == 0 ? 0 : o[o.length - 1];
        int accumDepth = f.length == 0 ? 0 : f[f.length - 1];
        long macs = (long) outputDepth * accumDepth;
        long ops = 2 * macs + (bias != null ? outputDepth : 0)
            + activationOps(options instanceof FullyConnectedOptions c ? c.activation() : null,
                outputDepth);
        return new Count(ops, macs);
      }
      case "transpose_conv" -> {
        // inputs: output shape, weights, activation, bias
        int[] f = shape(w);
        int[] x = shape(g.inputOf(op, 2));
        if (f.length != 4 || x.length != 4 || o.length != 4) {
          return new Count(0, 0);
        }
        long macs = (long) f[1] * f[2] * o[3] * x[1] * x[2] * x[3];
        return new Count(2 * macs + (g.inputOf(op, 3) != null ? outElems : 0), macs);
      }
      case "max_pool_2d", "average_pool_2d" -> {
        if (!(options instanceof Pool2DOptions p)) {
          return new Count(0, 0);
        }
        long window = (long) p.filterWidth() * p.filterHeight();
        long ops = outElems * (name.equals("max_pool_2d") ? window : window + 1)
            + activationOps(p.activation(), outElems);
        return new Count(ops, 0);
      }
      case "softmax" -> {
        int[] s = shape(in);
        long size = s.length == 0 ? 0 : s.length == 2 ? s[1] : s[0];
        return new Count(size * 5, 0);
      }
      case "add" -> {
        return new Count(elements(shape(in)), 0);
      }
      case "mul" -> {
        return new Count(outElems, 0);
      }
      case "quantize" -> {
        return new Count(4 * elements(shape(in)), 0);
      }
      case "dequantize" -> {
        return new Count(2 * elements(shape(in)), 0);
      }
      case "pad", "padv2" -> {
        return new Count(6 * outElems, 0);
      }
      case "relu", "relu6" -> {
        return new Count(2 * elements(shape(in)), 0);
      }
      default -> {
        return new Count(0, 0);
      }
    }
  }

  static long activationOps(Activation a, long count) {
    if (a == Activation.RELU || a == Activation.RELU6 || a == Activation.RELU_N1_TO_1) {
      return 2 * count;
    }
    return 0;
  }

  static int[] shape(Tensor t) {
    return t == null ? new int[0] : t.shape();
  }

  static int dim(int[] s, int i) {
    return i < s.length ? s[i] : 1;
  }

  static long elements(int[] s) {
    if (s.length == 0) {
      return 0;
    }
    long n = 1;
    for (int d : s) {
      n *= Math.max(d, 0);
    }
    return n;
  }
}
