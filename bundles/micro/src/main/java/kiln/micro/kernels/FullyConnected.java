package kiln.micro.kernels;

import kiln.api.model.ElementType;
import kiln.micro.reference.QuantRows;

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
    p.requireType(input, "input", ElementType.INT8, ElementType.INT16, ElementType.FLOAT32);
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
    if (input.type() == ElementType.INT16) {
      return FullyConnected16.prepare(p, batches, units, depth);
    }
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
      this.vec = VectorSupport.enabled()
          ? VecKernels.fullyConnected(batches, units, depth, in, filter, filterOffset, rq, out)
          : null;
      if (units >= MIN_ROW_UNITS && vec == null) {
        this.wt = new int[depth][units];
        for (int u = 0; u < units; u++) {
          for (int d = 0; d < depth; d++) {
            wt[d][u] = w[u * depth + d];
          }
        }
        this.acc = new int[units];
      } else {
        this.wt = null;
        this.acc = null;
      }
      boolean same = true;
      for (int u = 1; u < units; u++) {
        same &= rq.multiplier[u] == rq.multiplier[0] && rq.shift[u] == rq.shift[0];
      }
      this.sameScale = same && rq.multiplier[0] >= 0 && rq.shift[0] <= 30;
    }

    /** The Vector API kernel where it applies ({@link VectorSupport}), else null. */
    private final Int8Eval vec;
    /** From this many units on, the transposed filter and accumulator row are used. */
    private static final int MIN_ROW_UNITS = 16;
    /** The filter transposed, with its offset: wt[d][u]; null for few units. */
    private final int[][] wt;
    private final int[] acc;
    /** One multiplier and shift for every unit (per-tensor filter): requantize as a row. */
    private final boolean sameScale;

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
      if (vec != null) {
        vec.eval();
        return;
      }
      final byte[] in = this.in;
      final int[] x = this.xin;
      final int inOffset = -rq.inputZeroPoint;
      for (int i = 0; i < x.length; i++) {
        x[i] = in[i] + inOffset;
      }
      if (wt != null) {
        evalByRows();
        return;
      }
      final int[] w = this.w;
      final int depth = this.depth;
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

    /**
     * acc[u] = bias[u] + sum_d x[d] * wt[d][u]: the units' accumulators form one int row updated
     * four inputs at a time by the loop C2 vectorizes ({@link Int8ConvGemm#mac4}), instead of
     * one dot product (a reduction) per unit. Integer sums wrap alike in any order.
     */
    private void evalByRows() {
      final int[][] wt = this.wt;
      final int[] acc = this.acc;
      final int[] x = this.xin;
      final int units = this.units;
      final int depth = this.depth;
      for (int b = 0; b < batches; b++) {
        int ib = b * depth;
        if (rq.bias == null) {
          java.util.Arrays.fill(acc, 0);
        } else {
          System.arraycopy(rq.bias, 0, acc, 0, units);
        }
        int d = 0;
        for (; d + 4 <= depth; d += 4) {
          Int8ConvGemm.mac4(acc, units, wt[d], x[ib + d], wt[d + 1], x[ib + d + 1], wt[d + 2],
              x[ib + d + 2], wt[d + 3], x[ib + d + 3]);
        }
        for (; d < depth; d++) {
          Int8ConvGemm.mac1(acc, units, wt[d], x[ib + d]);
        }
        int ob = b * units;
        if (sameScale) {
          QuantRows.requantize(acc, units, rq.multiplier[0], rq.shift[0], rq.outputZeroPoint,
              rq.actMin, rq.actMax);
          for (int u = 0; u < units; u++) {
            out[ob + u] = (byte) acc[u];
          }
        } else {
          for (int u = 0; u < units; u++) {
            out[ob + u] = rq.apply(acc[u], u);
          }
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
