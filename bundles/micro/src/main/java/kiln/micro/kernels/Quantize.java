package kiln.micro.kernels;

import kiln.api.model.ElementType;
import kiln.micro.reference.QuantArith;

/** QUANTIZE (float32 to int8, or int8 requantization) and DEQUANTIZE (int8 to float32). */
public final class Quantize {
  private Quantize() {}

  public static Kernel prepareQuantize(Prep p) {
    Tensor input = p.in(0);
    Tensor output = p.out(0);
    p.requireType(input, "input", ElementType.FLOAT32, ElementType.INT8);
    p.requireType(output, "output", ElementType.INT8);
    p.requireSameCount(input, output);
    p.requireQuantized(output, "output");
    p.require(output.info.scales().length == 1, "output '" + output.name()
        + "' must be quantized per tensor, found " + output.info.scales().length + " scales");
    if (input.type() == ElementType.FLOAT32) {
      return new FromFloat(input.f32, output.i8, output.scale(), output.zeroPoint());
    }
    p.requireQuantized(input, "input");
    QuantArith.Multiplier m = QuantArith.quantizeMultiplier(
        (double) input.scale() / (double) output.scale());
    return new Requantize(input.i8, output.i8, input.zeroPoint(), output.zeroPoint(),
        m.multiplier(), m.shift());
  }

  public static Kernel prepareDequantize(Prep p) {
    Tensor input = p.in(0);
    Tensor output = p.out(0);
    p.requireType(input, "input", ElementType.INT8);
    p.requireType(output, "output", ElementType.FLOAT32);
    p.requireSameCount(input, output);
    p.requireQuantized(input, "input");
    return new ToFloat(input.i8, output.f32, input.scale(), input.zeroPoint());
  }

  /** TFLite Micro's AffineQuantize: round(value / scale) in float, half away from zero. */
  public static int quantizeValue(float value, float scale, int zeroPoint) {
    float q = QuantArith.roundHalfAway(value / scale);
    long unclamped = (long) q + zeroPoint;
    return (int) Math.min(Math.max(unclamped, -128), 127);
  }

  /** Float to int8; tests read its input to verify rounding ties. */
  public static final class FromFloat extends Kernel {
    final float[] in;
    final byte[] out;
    final float scale;
    final int zp;

    FromFloat(float[] in, byte[] out, float scale, int zp) {
      this.in = in;
      this.out = out;
      this.scale = scale;
      this.zp = zp;
    }

    public float inputAt(int e) {
      return in[e];
    }

    @Override
    public void eval() {
      for (int i = 0; i < in.length; i++) {
        out[i] = (byte) quantizeValue(in[i], scale, zp);
      }
    }
  }

  static final class Requantize extends Kernel {
    final byte[] in, out;
    final int inZp, outZp, m, s;

    Requantize(byte[] in, byte[] out, int inZp, int outZp, int m, int s) {
      this.in = in;
      this.out = out;
      this.inZp = inZp;
      this.outZp = outZp;
      this.m = m;
      this.s = s;
    }

    @Override
    public void eval() {
      for (int i = 0; i < in.length; i++) {
        int v = QuantArith.multiplyByQuantizedMultiplier(in[i] - inZp, m, s) + outZp;
        out[i] = (byte) Math.min(Math.max(v, -128), 127);
      }
    }
  }

  static final class ToFloat extends Kernel {
    final byte[] in;
    final float[] out;
    final double scale;
    final int zp;

    ToFloat(byte[] in, float[] out, float scale, int zp) {
      this.in = in;
      this.out = out;
      this.scale = scale;
      this.zp = zp;
    }

    @Override
    public void eval() {
      for (int i = 0; i < in.length; i++) {
        out[i] = (float) (scale * (in[i] - zp));
      }
    }
  }
}
