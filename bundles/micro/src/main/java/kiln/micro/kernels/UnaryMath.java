package kiln.micro.kernels;

import kiln.api.KilnException;
import kiln.api.model.ElementType;
import kiln.micro.reference.QuantArith;

/**
 * One-input math ops as TFLite Micro has them: ABS (float32, int8, int16), NEG, SQRT, EXP, LOG,
 * SQUARE, FLOOR, CEIL, ROUND, SIN, COS (float32 only), RSQRT (float32, int8) and LOGICAL_NOT
 * (bool).
 */
public final class UnaryMath {
  private UnaryMath() {}

  /** Op kinds handled here. */
  public enum Kind {
    ABS, NEG, SQRT, RSQRT, EXP, LOG, SQUARE, FLOOR, CEIL, ROUND, SIN, COS, LOGICAL_NOT
  }

  public static Kernel prepare(Prep p, Kind kind) {
    Tensor input = p.in(0);
    Tensor output = p.out(0);
    switch (kind) {
      case ABS -> p.requireType(input, "input", ElementType.FLOAT32, ElementType.INT8,
          ElementType.INT16);
      case RSQRT -> p.requireType(input, "input", ElementType.FLOAT32, ElementType.INT8);
      case LOGICAL_NOT -> p.requireType(input, "input", ElementType.BOOL);
      default -> p.requireType(input, "input", ElementType.FLOAT32);
    }
    p.requireSameType(input, output);
    p.requireShape(output, input.shape);
    if (kind == Kind.LOGICAL_NOT) {
      return new Not(input.i8, output.i8);
    }
    if (input.type() == ElementType.FLOAT32) {
      return new FloatOp(kind, input.f32, output.f32);
    }
    if (input.type() == ElementType.INT16) {
      return int16Abs(p, input, output);
    }
    p.requireQuantized(input, "input");
    p.requireQuantized(output, "output");
    if (kind == Kind.ABS) {
      // the ratio of the scales in float, as TFLite Micro's SetAbsOutputMultiplier
      QuantArith.Multiplier m =
          QuantArith.quantizeMultiplier((double) (input.scale() / output.scale()));
      return new Int8Abs(input.i8, output.i8, input.zeroPoint(), output.zeroPoint(),
          input.scale() != output.scale(), m.multiplier(), m.shift());
    }
    double real = 1.0 / (double) ((float) Math.sqrt(input.scale()) * output.scale());
    QuantArith.Multiplier m = QuantArith.quantizeMultiplier(real);
    return new Int8Rsqrt(input.i8, output.i8, input.zeroPoint(), output.zeroPoint(),
        m.multiplier(), m.shift(), p.fail("").getMessage());
  }

  /**
   * Int16 ABS: without quantization the C abs of each value (-32768 stays -32768); quantized with
   * zero points 0 (required), |x| rescaled by s_in / s_out when the scales differ.
   */
  static Kernel int16Abs(Prep p, Tensor input, Tensor output) {
    short[] in = input.i16;
    short[] out = output.i16;
    if (!input.info.isQuantized()) {
      return new Kernel() {
        @Override
        public void eval() {
          for (int i = 0; i < in.length; i++) {
            out[i] = (short) Math.abs(in[i]);
          }
        }
      };
    }
    p.requireQuantized(output, "output");
    p.require(input.zeroPoint() == 0 && output.zeroPoint() == 0,
        "int16 input and output must have zero point 0, found " + input.zeroPoint() + " and "
            + output.zeroPoint());
    boolean rescale = input.scale() != output.scale();
    QuantArith.Multiplier m =
        QuantArith.quantizeMultiplier((double) (input.scale() / output.scale()));
    return new Kernel() {
      @Override
      public void eval() {
        for (int i = 0; i < in.length; i++) {
          int v = Math.abs(in[i]);
          v = rescale ? QuantArith.multiplyByQuantizedMultiplier(v, m.multiplier(), m.shift()) : v;
          out[i] = (short) Math.min(32767, Math.max(-32768, v));
        }
      }
    };
  }

  static final class FloatOp extends Kernel {
    final Kind kind;
    final float[] in, out;

    FloatOp(Kind kind, float[] in, float[] out) {
      this.kind = kind;
      this.in = in;
      this.out = out;
    }

    @Override
    public void eval() {
      for (int i = 0; i < in.length; i++) {
        float x = in[i];
        out[i] = switch (kind) {
          case ABS -> Math.abs(x);
          case NEG -> -x;
          case SQRT -> (float) Math.sqrt(x);
          case RSQRT -> 1f / (float) Math.sqrt(x);
          case EXP -> (float) Math.exp(x);
          case LOG -> (float) Math.log(x);
          case SQUARE -> x * x;
          case FLOOR -> (float) Math.floor(x);
          case CEIL -> (float) Math.ceil(x);
          case ROUND -> roundHalfEven(x);
          case SIN -> (float) Math.sin(x);
          case COS -> (float) Math.cos(x);
          case LOGICAL_NOT -> throw new IllegalStateException("bool op on float");
        };
      }
    }
  }

  /** TFLite's RoundToNearest: halves go to the even neighbour. */
  static float roundHalfEven(float v) {
    float floor = (float) Math.floor(v);
    float diff = v - floor;
    if (diff < 0.5f || (diff == 0.5f && ((int) floor) % 2 == 0)) {
      return floor;
    }
    return floor + 1f;
  }

  static final class Not extends Kernel {
    final byte[] in, out;

    Not(byte[] in, byte[] out) {
      this.in = in;
      this.out = out;
    }

    @Override
    public void eval() {
      for (int i = 0; i < in.length; i++) {
        out[i] = (byte) (in[i] == 0 ? 1 : 0);
      }
    }
  }

  /** Int8 ABS: |x - zp_in|, rescaled only when the scales differ, plus zp_out. */
  static final class Int8Abs extends Kernel {
    final byte[] in, out;
    final int inZp, outZp, multiplier, shift;
    final boolean rescale;

    Int8Abs(byte[] in, byte[] out, int inZp, int outZp, boolean rescale, int multiplier,
        int shift) {
      this.in = in;
      this.out = out;
      this.inZp = inZp;
      this.outZp = outZp;
      this.rescale = rescale;
      this.multiplier = multiplier;
      this.shift = shift;
    }

    @Override
    public void eval() {
      for (int i = 0; i < in.length; i++) {
        int v = Math.abs(in[i] - inZp);
        v = rescale ? QuantArith.multiplyByQuantizedMultiplier(v, multiplier, shift) + outZp
            : v + outZp;
        out[i] = (byte) Math.min(127, Math.max(-128, v));
      }
    }
  }

  /**
   * Int8 RSQRT: 1/sqrt of the zero-point-shifted input as a fixed-point multiplier applied to 1
   * (scaled up by 2^20 to keep it an integer), then rescaled by 1 / (sqrt(s_in) * s_out). An
   * input at the zero point gives 127; one below it is an error, as in TFLite Micro.
   */
  static final class Int8Rsqrt extends Kernel {
    static final int SHIFT = 20;
    final byte[] in, out;
    final int inZp, outZp, multiplier, shift;
    final String where;

    Int8Rsqrt(byte[] in, byte[] out, int inZp, int outZp, int multiplier, int shift,
        String where) {
      this.in = in;
      this.out = out;
      this.inZp = inZp;
      this.outZp = outZp;
      this.multiplier = multiplier;
      this.shift = shift;
      this.where = where;
    }

    @Override
    public void eval() {
      for (int i = 0; i < in.length; i++) {
        int value = in[i] - inZp;
        if (value < 0) {
          throw new KilnException(where + "input element " + i + " (" + in[i]
              + ") is below the zero point " + inZp + ": RSQRT is only defined for values >= 0");
        }
        if (value == 0) {
          out[i] = 127;
          continue;
        }
        int[] inv = MathArith.invSqrtMultiplier(value);
        int data = QuantArith.multiplyByQuantizedMultiplier(1, inv[0], inv[1] + SHIFT);
        int v = QuantArith.multiplyByQuantizedMultiplier(data, multiplier, shift - SHIFT) + outZp;
        out[i] = (byte) Math.min(127, Math.max(-128, v));
      }
    }
  }
}
