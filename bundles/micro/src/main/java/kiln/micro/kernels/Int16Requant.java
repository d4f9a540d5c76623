package kiln.micro.kernels;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import kiln.api.model.ElementType;
import kiln.micro.reference.QuantArith;

/**
 * The 16x8 scheme's requantization, shared by the int16 CONV_2D and FULLY_CONNECTED kernels as
 * TFLite Micro does it: symmetric int16 input and output, symmetric int8 weights, per-channel
 * multipliers, an int64 bias (sums in int64, the 64-bit MultiplyByQuantizedMultiplier with its
 * multiplier reduced to 16 bits) or an int32 bias (sums in int32, the 32-bit double-rounding one).
 */
final class Int16Requant {
  final int[] multiplier;
  final int[] shift;
  /** Per-channel bias, null without; values of an int32 bias are stored widened. */
  final long[] bias;
  final boolean int32;
  final int min;
  final int max;

  private Int16Requant(int[] multiplier, int[] shift, long[] bias, boolean int32, int[] range) {
    this.multiplier = multiplier;
    this.shift = shift;
    this.bias = bias;
    this.int32 = int32;
    this.min = range[0];
    this.max = range[1];
  }

  /**
   * @param floatProductWhenPerTensor TFLite Micro's FULLY_CONNECTED multiplies the two scales in
   *     float for a per-tensor filter; CONV_2D always in double per channel
   */
  static Int16Requant prepare(Prep p, Tensor input, Tensor filter, Tensor bias, Tensor output, int channels,
      boolean floatProductWhenPerTensor) {
    p.requireType(filter, "filter", ElementType.INT8);
    p.requireType(output, "output", ElementType.INT16);
    p.requireQuantized(input, "input");
    p.requireQuantized(filter, "filter");
    p.requireQuantized(output, "output");
    p.require(input.zeroPoint() == 0 && output.zeroPoint() == 0, "int16 input and output must have zero"
        + " point 0 (16x8 quantization is symmetric), found " + input.zeroPoint() + " and " + output.zeroPoint());
    float[] fs = filter.info.scales();
    p.require(fs.length == 1 || fs.length == channels, "filter '" + filter.name() + "' must have 1 or " + channels
        + " scales, found " + fs.length);
    for (long z : filter.info.zeroPoints()) {
      p.require(z == 0, "filter '" + filter.name() + "' must be symmetric (zero point 0) for int16 input");
    }
    int[] m = new int[channels];
    int[] s = new int[channels];
    for (int c = 0; c < channels; c++) {
      double eff = fs.length == 1 && floatProductWhenPerTensor
          ? (double) (input.scale() * filter.scale()) / (double) output.scale()
          : (double) input.scale() * (double) (fs.length == 1 ? fs[0] : fs[c]) / (double) output.scale();
      QuantArith.Multiplier q = QuantArith.quantizeMultiplier(eff);
      m[c] = q.multiplier();
      s[c] = q.shift();
    }
    long[] b = null;
    boolean int32 = false;
    if (bias != null) {
      p.requireType(bias, "bias", ElementType.INT64, ElementType.INT32);
      p.require(bias.elementCount() == channels, "bias '" + bias.name() + "' must have " + channels
          + " elements, found " + bias.elementCount());
      p.requireConstant(bias, "bias");
      b = new long[channels];
      int32 = bias.type() == ElementType.INT32;
      // int64 values are read from the file: the runtime's own int64 store narrows them
      ByteBuffer bb = ByteBuffer.wrap(bias.info.data()).order(ByteOrder.LITTLE_ENDIAN);
      for (int c = 0; c < channels; c++) {
        b[c] = int32 ? bb.getInt(c * 4) : bb.getLong(c * 8);
      }
    }
    return new Int16Requant(m, s, b, int32, Activation.quantizedRange(p, p.options.activation, output));
  }

  /** The sum of products plus bias, in the bias's type, scaled and clamped to the output. */
  short apply(long sumOfProducts, int channel) {
    long acc = sumOfProducts + (bias == null ? 0 : bias[channel]);
    int scaled = int32
        ? QuantArith.multiplyByQuantizedMultiplier((int) acc, multiplier[channel], shift[channel])
        : QuantArith.multiplyByQuantizedMultiplier(acc, multiplier[channel], shift[channel]);
    return (short) clamp(scaled);
  }

  /** The accumulator as the kernel holds it (an int32 bias wraps like TFLite Micro's int32 sum). */
  long accumulator(long sumOfProducts, int channel) {
    long acc = sumOfProducts + (bias == null ? 0 : bias[channel]);
    return int32 ? (int) acc : acc;
  }

  int clamp(long v) {
    return (int) Math.max(min, Math.min(max, v));
  }
}
