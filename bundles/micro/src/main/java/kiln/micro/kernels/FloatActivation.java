package kiln.micro.kernels;

import kiln.micro.graph.OpOptions;

/**
 * A fused activation applied to one float value, as TFLite Micro's ActivationValFloat does (used by
 * SVDF's and LSTM's float kernels, which apply it after the fact instead of clamping).
 */
final class FloatActivation {
  private FloatActivation() {}

  /** Fails for an activation code the float kernels have no function for. */
  static void check(Prep p, int activation) {
    p.require(activation >= OpOptions.ACT_NONE && activation <= OpOptions.ACT_TANH,
        "fused activation " + activation
            + " is not supported (expected NONE, RELU, RELU_N1_TO_1, RELU6 or TANH)");
  }

  static float apply(int activation, float a) {
    return switch (activation) {
      case OpOptions.ACT_RELU -> Math.max(0f, a);
      case OpOptions.ACT_RELU_N1_TO_1 -> Math.max(-1f, Math.min(a, 1f));
      case OpOptions.ACT_RELU6 -> Math.max(0f, Math.min(a, 6f));
      case OpOptions.ACT_TANH -> (float) Math.tanh(a);
      default -> a;
    };
  }
}
