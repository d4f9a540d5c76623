package kiln.micro.kernels;

import kiln.micro.graph.OpOptions;
import kiln.micro.reference.QuantArith;

/** Fused activation ranges, as TFLite's CalculateActivationRange(Quantized) computes them. */
final class Activation {
  private Activation() {}

  /** [min, max] of an int8 (or int16) output for a fused activation. */
  static int[] quantizedRange(Prep p, int activation, Tensor output) {
    boolean int16 = output.type() == kiln.api.model.ElementType.INT16;
    int qmin = int16 ? Short.MIN_VALUE : -128;
    int qmax = int16 ? Short.MAX_VALUE : 127;
    float scale = output.scale();
    int zp = output.zeroPoint();
    switch (activation) {
      case OpOptions.ACT_NONE -> {
        return new int[] {qmin, qmax};
      }
      case OpOptions.ACT_RELU -> {
        return new int[] {Math.max(qmin, quantize(zp, scale, 0f)), qmax};
      }
      case OpOptions.ACT_RELU6 -> {
        return new int[] {Math.max(qmin, quantize(zp, scale, 0f)),
            Math.min(qmax, quantize(zp, scale, 6f))};
      }
      case OpOptions.ACT_RELU_N1_TO_1 -> {
        return new int[] {Math.max(qmin, quantize(zp, scale, -1f)),
            Math.min(qmax, quantize(zp, scale, 1f))};
      }
      default -> throw p.fail("fused activation " + activation + " is not supported for "
          + (int16 ? "int16" : "int8"));
    }
  }

  private static int quantize(int zp, float scale, float f) {
    float tmp = QuantArith.roundHalfAway(f / scale);
    return zp + (int) tmp;
  }

  /** [min, max] of a float output for a fused activation. */
  static float[] floatRange(Prep p, int activation) {
    return switch (activation) {
      case OpOptions.ACT_NONE -> new float[] {Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY};
      case OpOptions.ACT_RELU -> new float[] {0f, Float.POSITIVE_INFINITY};
      case OpOptions.ACT_RELU6 -> new float[] {0f, 6f};
      case OpOptions.ACT_RELU_N1_TO_1 -> new float[] {-1f, 1f};
      default -> throw p.fail("fused activation " + activation + " is not supported");
    };
  }

  static float clamp(float v, float min, float max) {
    return Math.min(Math.max(v, min), max);
  }
}
