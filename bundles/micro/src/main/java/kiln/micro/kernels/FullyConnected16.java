package kiln.micro.kernels;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import kiln.api.model.ElementType;
import kiln.micro.graph.OpOptions;
import kiln.micro.reference.QuantArith;

/**
 * FULLY_CONNECTED with int16 activations and int8 weights (TFLite's 16x8 quantization), as TFLite
 * Micro's reference_integer_ops::FullyConnected / FullyConnectedPerChannel: symmetric input, weights
 * and output (zero points 0), an int64 (or int32) bias, products summed in the bias's type, and the
 * 64-bit MultiplyByQuantizedMultiplier (multiplier reduced to 16 bits, one rounding).
 */
public final class FullyConnected16 extends Kernel {
  private final int batches;
  private final int units;
  private final int depth;
  private final short[] in;
  private final byte[] filter;
  private final long[] bias;
  private final boolean int32Bias;
  private final int[] multiplier;
  private final int[] shift;
  private final int min;
  private final int max;
  private final short[] out;

  private FullyConnected16(int batches, int units, int depth, short[] in, byte[] filter, long[] bias,
      boolean int32Bias, int[] multiplier, int[] shift, int[] range, short[] out) {
    this.batches = batches;
    this.units = units;
    this.depth = depth;
    this.in = in;
    this.filter = filter;
    this.bias = bias;
    this.int32Bias = int32Bias;
    this.multiplier = multiplier;
    this.shift = shift;
    this.min = range[0];
    this.max = range[1];
    this.out = out;
  }

  static Kernel prepare(Prep p, int batches, int units, int depth) {
    Tensor input = p.in(0);
    Tensor filter = p.in(1);
    Tensor bias = p.optIn(2);
    Tensor output = p.out(0);
    p.requireType(filter, "filter", ElementType.INT8);
    p.requireType(output, "output", ElementType.INT16);
    p.requireQuantized(input, "input");
    p.requireQuantized(filter, "filter");
    p.requireQuantized(output, "output");
    p.require(input.zeroPoint() == 0 && output.zeroPoint() == 0, "int16 input and output must have zero"
        + " point 0 (16x8 quantization is symmetric), found " + input.zeroPoint() + " and " + output.zeroPoint());
    float[] fs = filter.info.scales();
    p.require(fs.length == 1 || fs.length == units, "filter '" + filter.name() + "' must have 1 or " + units
        + " scales, found " + fs.length);
    for (long z : filter.info.zeroPoints()) {
      p.require(z == 0, "filter '" + filter.name() + "' must be symmetric (zero point 0) for int16 input");
    }
    int[] m = new int[units];
    int[] s = new int[units];
    for (int c = 0; c < units; c++) {
      // TFLite Micro: the float product of input and filter scale for one scale, else per channel in double
      double eff = fs.length == 1 ? (double) (input.scale() * filter.scale()) / (double) output.scale()
          : (double) input.scale() * (double) fs[c] / (double) output.scale();
      QuantArith.Multiplier q = QuantArith.quantizeMultiplier(eff);
      m[c] = q.multiplier();
      s[c] = q.shift();
    }
    long[] b = null;
    boolean int32 = false;
    if (bias != null) {
      p.requireType(bias, "bias", ElementType.INT64, ElementType.INT32);
      p.require(bias.elementCount() == units, "bias '" + bias.name() + "' must have " + units + " elements, found "
          + bias.elementCount());
      p.requireConstant(bias, "bias");
      b = new long[units];
      int32 = bias.type() == ElementType.INT32;
      // int64 values are read from the file: the runtime's own int64 store narrows them
      ByteBuffer bb = ByteBuffer.wrap(bias.info.data()).order(ByteOrder.LITTLE_ENDIAN);
      for (int c = 0; c < units; c++) {
        b[c] = int32 ? bb.getInt(c * 4) : bb.getLong(c * 8);
      }
    }
    return new FullyConnected16(batches, units, depth, input.i16, filter.i8, b, int32, m, s,
        range(p, p.options.activation, output), output.i16);
  }

  /** TFLite Micro's CalculateActivationRangeQuantized for int16. */
  private static int[] range(Prep p, int activation, Tensor output) {
    int lo = Short.MIN_VALUE;
    int hi = Short.MAX_VALUE;
    float scale = output.scale();
    return switch (activation) {
      case OpOptions.ACT_NONE -> new int[] {lo, hi};
      case OpOptions.ACT_RELU -> new int[] {Math.max(lo, q(scale, 0f)), hi};
      case OpOptions.ACT_RELU6 -> new int[] {Math.max(lo, q(scale, 0f)), Math.min(hi, q(scale, 6f))};
      case OpOptions.ACT_RELU_N1_TO_1 -> new int[] {Math.max(lo, q(scale, -1f)), Math.min(hi, q(scale, 1f))};
      default -> throw p.fail("fused activation " + activation + " is not supported for int16");
    };
  }

  private static int q(float scale, float v) {
    return (int) QuantArith.roundHalfAway(v / scale); // TFLite: zero point (0) + TfLiteRound(f / scale)
  }

  @Override
  public void eval() {
    for (int b = 0; b < batches; b++) {
      for (int u = 0; u < units; u++) {
        int scaled;
        if (int32Bias) {
          int acc = 0; // TFLite Micro sums in the bias type
          for (int d = 0; d < depth; d++) {
            acc += filter[u * depth + d] * in[b * depth + d];
          }
          if (bias != null) {
            acc += (int) bias[u];
          }
          scaled = QuantArith.multiplyByQuantizedMultiplier(acc, multiplier[u], shift[u]);
        } else {
          long acc = 0;
          for (int d = 0; d < depth; d++) {
            acc += filter[u * depth + d] * in[b * depth + d];
          }
          if (bias != null) {
            acc += bias[u];
          }
          scaled = QuantArith.multiplyByQuantizedMultiplier(acc, multiplier[u], shift[u]);
        }
        out[b * units + u] = (short) Math.max(min, Math.min(max, scaled));
      }
    }
  }

  /** The sum (in the bias's type, as computed) behind output element {@code e}; for tie checks. */
  public long accumulatorAt(int e) {
    int b = e / units;
    int u = e % units;
    long acc = 0;
    for (int d = 0; d < depth; d++) {
      acc += filter[u * depth + d] * in[b * depth + d];
    }
    acc += bias == null ? 0 : bias[u];
    return int32Bias ? (int) acc : acc;
  }

  public int multiplierAt(int e) {
    return multiplier[e % units];
  }

  public int shiftAt(int e) {
    return shift[e % units];
  }

  /** Clamps a requantized value to the activation range, as eval does. */
  public int clamp(long v) {
    return (int) Math.max(min, Math.min(max, v));
  }
}
