package kiln.micro.kernels;

import kiln.api.model.ElementType;
import kiln.micro.graph.OpOptions;
import kiln.micro.reference.QuantArith;

/**
 * L2_NORMALIZATION along the last axis (rank up to 4, no fused activation). Float32 divides by
 * max(sqrt(sum of squares), 1e-6); int8 as TFLite Micro: 1/sqrt of the int32 sum of squared
 * zero-point-shifted inputs as a fixed-point multiplier, output in 1/128 steps around zero (the
 * output's own scale and zero point are not read, as in TFLite Micro; converters write 1/128, 0).
 */
public final class L2Normalization {
  private L2Normalization() {}

  public static Kernel prepare(Prep p) {
    Tensor input = p.in(0);
    Tensor output = p.out(0);
    p.requireType(input, "input", ElementType.FLOAT32, ElementType.INT8);
    p.requireSameType(input, output);
    p.requireShape(output, input.shape);
    p.require(input.rank() >= 1 && input.rank() <= 4,
        "input must have rank 1 to 4, found " + input.rank());
    // L2NormOptions has no record in kiln.tflite: its activation comes as a generic field
    int act = p.options.fields.get("fusedActivationFunction") instanceof Number n
        ? n.intValue() : p.options.activation;
    p.require(act == OpOptions.ACT_NONE,
        "fused activation " + act + " is not supported (only NONE)");
    int depth = input.dim(-1);
    int outer = depth == 0 ? 0 : input.elementCount() / depth;
    if (input.type() == ElementType.FLOAT32) {
      float[] in = input.f32;
      float[] out = output.f32;
      return new Kernel() {
        @Override
        public void eval() {
          for (int i = 0; i < outer; i++) {
            float sq = 0f;
            for (int c = 0; c < depth; c++) {
              float v = in[depth * i + c];
              sq += v * v;
            }
            float norm = Math.max((float) Math.sqrt(sq), 1e-6f);
            for (int c = 0; c < depth; c++) {
              out[depth * i + c] = in[depth * i + c] / norm;
            }
          }
        }
      };
    }
    p.requireQuantized(input, "input");
    byte[] in = input.i8;
    byte[] out = output.i8;
    int zp = input.zeroPoint();
    return new Kernel() {
      @Override
      public void eval() {
        for (int i = 0; i < outer; i++) {
          int acc = 0;
          for (int c = 0; c < depth; c++) {
            int v = in[depth * i + c] - zp;
            acc += v * v;
          }
          int[] inv = MathArith.invSqrtMultiplier(acc);
          for (int c = 0; c < depth; c++) {
            int v = QuantArith.multiplyByQuantizedMultiplier(in[depth * i + c] - zp, inv[0],
                inv[1] + 7);
            out[depth * i + c] = (byte) Math.min(127, Math.max(-128, v));
          }
        }
      }
    };
  }
}
