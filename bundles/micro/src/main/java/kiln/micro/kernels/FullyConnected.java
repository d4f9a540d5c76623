package kiln.micro.kernels;

import kiln.api.model.ElementType;

/**
 * FULLY_CONNECTED: filter [units, depth], input flattened to [batches, depth]. Int8 per-tensor
 * (TFLite Micro's multiplier from the float product of the scales) or per-channel, or float32.
 */
public final class FullyConnected {
  private FullyConnected() {}

  public static Kernel prepare(Prep p) {
    Tensor input = p.in(0);
    Tensor filter = p.in(1);
    Tensor bias = p.optIn(2);
    Tensor output = p.out(0);
    p.requireType(input, "input", ElementType.INT8, ElementType.FLOAT32);
    p.requireSameType(input, output);
    p.require(p.options.weightsFormat == 0,
        "only the DEFAULT weights format is supported, found " + p.options.weightsFormat);
    p.require(filter.rank() == 2, "filter '" + filter.name() + "' must have rank 2, found "
        + filter.rank());
    int units = filter.dim(0);
    int depth = filter.dim(1);
    p.require(depth > 0 && input.elementCount() % depth == 0,
        "input '" + input.name() + "' (" + input.elementCount()
            + " elements) must be a multiple of the filter depth " + depth);
    int batches = input.elementCount() / depth;
    p.require(output.elementCount() == batches * units,
        "output '" + output.name() + "' must have " + batches * units + " elements, found "
            + output.elementCount());
    if (input.type() == ElementType.FLOAT32) {
      p.requireType(filter, "filter", ElementType.FLOAT32);
      return new FloatFc(batches, units, depth, input.f32, filter.f32,
          FloatWeightedKernel.checkedBias(p, bias, units), output.f32,
          Activation.floatRange(p, p.options.activation));
    }
    p.requireType(filter, "filter", ElementType.INT8);
    Requant rq = Requant.fullyConnected(p, input, filter, bias, output, units);
    // a per-channel filter is symmetric; a per-tensor one keeps its zero point
    int filterOffset = filter.info.scales().length > 1 ? 0 : -filter.zeroPoint();
    return new Int8Fc(batches, units, depth, input.i8, filter.i8, filterOffset, rq, output.i8);
  }

  public static final class Int8Fc extends Kernel {
    final int batches, units, depth, filterOffset;
    final byte[] in, filter, out;
    final Requant rq;

    Int8Fc(int batches, int units, int depth, byte[] in, byte[] filter, int filterOffset,
        Requant rq, byte[] out) {
      this.batches = batches;
      this.units = units;
      this.depth = depth;
      this.in = in;
      this.filter = filter;
      this.filterOffset = filterOffset;
      this.rq = rq;
      this.out = out;
      this.w = new int[filter.length];
      for (int i = 0; i < filter.length; i++) {
        w[i] = filter[i] + filterOffset;
      }
      this.xin = new int[in.length];
    }

    /** The filter with its offset added, and the input with its offset, as ints. */
    final int[] w;
    final int[] xin;

    /** The accumulator (with bias) of output (b, u); tests use it to check rounding ties. */
    public int accumulator(int b, int u) {
      int inOffset = -rq.inputZeroPoint;
      int acc = 0;
      for (int d = 0; d < depth; d++) {
        acc += (filter[u * depth + d] + filterOffset) * (in[b * depth + d] + inOffset);
      }
      return acc + (rq.bias == null ? 0 : rq.bias[u]);
    }

    public Requant requant() {
      return rq;
    }

    /** The accumulator of flat output element e. */
    public int accumulatorAt(int e) {
      return accumulator(e / units, e % units);
    }

    public int channelAt(int e) {
      return e % units;
    }

    @Override
    public void eval() {
      final byte[] in = this.in;
      final int[] w = this.w;
      final int[] x = this.xin;
      final int depth = this.depth;
      final int inOffset = -rq.inputZeroPoint;
      for (int i = 0; i < x.length; i++) {
        x[i] = in[i] + inOffset;
      }
      final int[] bias = rq.bias;
      for (int b = 0; b < batches; b++) {
        int ib = b * depth;
        for (int u = 0; u < units; u++) {
          int fb = u * depth;
          int acc = 0;
          for (int d = 0; d < depth; d++) {
            acc += w[fb + d] * x[ib + d];
          }
          if (bias != null) {
            acc += bias[u];
          }
          out[b * units + u] = rq.apply(acc, u);
        }
      }
    }
  }

  static final class FloatFc extends FloatWeightedKernel {
    final int batches, units, depth;

    FloatFc(int batches, int units, int depth, float[] in, float[] filter, float[] bias,
        float[] out, float[] range) {
      super(in, filter, bias, out, range);
      this.batches = batches;
      this.units = units;
      this.depth = depth;
    }

    @Override
    public void eval() {
      for (int b = 0; b < batches; b++) {
        for (int u = 0; u < units; u++) {
          float acc = 0f;
          for (int d = 0; d < depth; d++) {
            acc += in[b * depth + d] * filter[u * depth + d];
          }
          out[b * units + u] = biasAndClamp(acc, u);
        }
      }
    }
  }
}
