package kiln.micro.kernels;

import kiln.api.model.ElementType;

/**
 * The float32 kernel of a weighted op (conv, depthwise conv, transpose conv, fully connected):
 * input, filter, optional bias, output and the fused activation's clamp range.
 */
abstract class FloatWeightedKernel extends Kernel {
  final float[] in, filter, bias, out;
  final float min, max;

  FloatWeightedKernel(float[] in, float[] filter, float[] bias, float[] out, float[] range) {
    this.in = in;
    this.filter = filter;
    this.bias = bias;
    this.out = out;
    this.min = range[0];
    this.max = range[1];
  }

  /** Adds channel c's bias, when there is one, to a sum and clamps it to the activation range. */
  final float biasAndClamp(float acc, int c) {
    if (bias != null) {
      acc += bias[c];
    }
    return Activation.clamp(acc, min, max);
  }

  /** The float bias of a weighted op, checked for type and length; null without bias. */
  static float[] checkedBias(Prep p, Tensor bias, int channels) {
    if (bias == null) {
      return null;
    }
    p.requireType(bias, "bias", ElementType.FLOAT32);
    p.require(bias.elementCount() == channels, "bias must have " + channels + " elements");
    return bias.f32;
  }
}
