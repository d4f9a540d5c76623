package kiln.micro.kernels;

import kiln.api.model.ElementType;
import kiln.micro.reference.QuantArith;

/** ELU: float32 as x < 0 ? expm1(x) : x; int8 through a 256-entry table built in prepare. */
public final class Elu {
  private Elu() {}

  public static Kernel prepare(Prep p) {
    Tensor input = p.in(0);
    Tensor output = p.out(0);
    p.requireType(input, "input", ElementType.FLOAT32, ElementType.INT8);
    p.requireSameType(input, output);
    p.requireShape(output, input.shape);
    if (input.type() == ElementType.FLOAT32) {
      float[] in = input.f32;
      float[] out = output.f32;
      return new Kernel() {
        @Override
        public void eval() {
          for (int i = 0; i < in.length; i++) {
            float x = in[i];
            out[i] = x < 0f ? (float) Math.expm1(x) : x;
          }
        }
      };
    }
    p.requireQuantized(input, "input");
    p.requireQuantized(output, "output");
    byte[] table = table(input.scale(), input.zeroPoint(), output.scale(), output.zeroPoint());
    byte[] in = input.i8;
    byte[] out = output.i8;
    return new Kernel() {
      @Override
      public void eval() {
        for (int i = 0; i < in.length; i++) {
          out[i] = table[in[i] & 0xFF];
        }
      }
    };
  }

  /** TFLite Micro's PopulateLookupTable, in float: dequantize, transform, round, requantize. */
  static byte[] table(float inScale, int inZp, float outScale, int outZp) {
    float inverseScale = 1f / outScale;
    byte[] table = new byte[256];
    for (int v = -128; v <= 127; v++) {
      float x = inScale * (v - inZp);
      float y = x < 0f ? (float) Math.exp(x) - 1f : x;
      float rescaled = QuantArith.roundHalfAway(y * inverseScale);
      int q = (int) (rescaled + outZp);
      table[v & 0xFF] = (byte) Math.max(Math.min(127, q), -128);
    }
    return table;
  }
}
