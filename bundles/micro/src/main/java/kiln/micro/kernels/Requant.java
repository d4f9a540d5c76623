package kiln.micro.kernels;

import kiln.api.model.ElementType;
import kiln.micro.reference.QuantArith;

/**
 * Output requantization of a conv-like op: per-channel multipliers and shifts, bias, zero points
 * and the fused activation's clamp range, precomputed as TFLite Micro's
 * PopulateConvolutionQuantizationParams does.
 */
public final class Requant {
  public final int[] multiplier;
  public final int[] shift;
  public final int[] bias;
  public final int inputZeroPoint;
  public final int outputZeroPoint;
  public final int actMin;
  public final int actMax;

  Requant(int[] multiplier, int[] shift, int[] bias, int inputZeroPoint, int outputZeroPoint,
      int[] range) {
    this.multiplier = multiplier;
    this.shift = shift;
    this.bias = bias;
    this.inputZeroPoint = inputZeroPoint;
    this.outputZeroPoint = outputZeroPoint;
    this.actMin = range[0];
    this.actMax = range[1];
  }

  /** Scales an accumulator of channel c to the output: multiply, add zero point, clamp. */
  public byte apply(int acc, int c) {
    int v = QuantArith.multiplyByQuantizedMultiplier(acc, multiplier[c], shift[c]) + outputZeroPoint;
    return (byte) Math.min(Math.max(v, actMin), actMax);
  }

  /**
   * Per-channel parameters: effective scale = input_scale * filter_scale[c] / output_scale in
   * double, one entry per output channel (repeated when the filter is per-tensor).
   */
  static Requant perChannel(Prep p, Tensor input, Tensor filter, Tensor bias, Tensor output,
      int channels) {
    return prepare(p, input, filter, bias, output, channels, false);
  }

  /**
   * FULLY_CONNECTED's parameters: as {@link #perChannel}, except that a per-tensor filter takes
   * its multiplier from the product of the input and filter scales in float, as TFLite Micro's
   * GetQuantizedConvolutionMultipler does.
   */
  static Requant fullyConnected(Prep p, Tensor input, Tensor filter, Tensor bias, Tensor output,
      int units) {
    return prepare(p, input, filter, bias, output, units, true);
  }

  private static Requant prepare(Prep p, Tensor input, Tensor filter, Tensor bias, Tensor output,
      int channels, boolean floatProductWhenPerTensor) {
    p.requireQuantized(input, "input");
    p.requireQuantized(filter, "filter");
    p.requireQuantized(output, "output");
    float[] fs = filter.info.scales();
    p.require(fs.length == 1 || fs.length == channels,
        "filter '" + filter.name() + "' must have 1 or " + channels + " scales, found "
            + fs.length);
    int[] m = new int[channels];
    int[] s = new int[channels];
    for (int c = 0; c < channels; c++) {
      double eff = fs.length == 1 && floatProductWhenPerTensor
          ? (double) (input.scale() * filter.scale()) / (double) output.scale()
          : (double) input.scale() * (double) (fs.length == 1 ? fs[0] : fs[c])
              / (double) output.scale();
      QuantArith.Multiplier q = QuantArith.quantizeMultiplier(eff);
      m[c] = q.multiplier();
      s[c] = q.shift();
    }
    int[] biasValues = bias(p, bias, channels);
    return new Requant(m, s, biasValues, input.zeroPoint(), output.zeroPoint(),
        Activation.quantizedRange(p, p.options.activation, output));
  }

  /** The int32 bias values, checked for type and length; null without bias. */
  static int[] bias(Prep p, Tensor bias, int channels) {
    if (bias == null) {
      return null;
    }
    p.requireType(bias, "bias", ElementType.INT32);
    p.require(bias.elementCount() == channels,
        "bias '" + bias.name() + "' must have " + channels + " elements, found "
            + bias.elementCount());
    return bias.i32;
  }
}
