package kiln.micro.kernels;

import kiln.api.model.ElementType;
import kiln.micro.reference.QuantArith;

/**
 * The one-input elementwise ops: LOGISTIC, TANH, RELU, RELU6, LEAKY_RELU, HARD_SWISH, in int8
 * (TFLite Micro's fixed-point forms) and float32.
 */
public final class Elementwise {
  private Elementwise() {}

  /** Op kinds handled here. */
  public enum Kind { LOGISTIC, TANH, RELU, RELU6, LEAKY_RELU, HARD_SWISH }

  public static Kernel prepare(Prep p, Kind kind) {
    Tensor input = p.in(0);
    Tensor output = p.out(0);
    p.requireType(input, "input", ElementType.INT8, ElementType.FLOAT32);
    p.requireSameType(input, output);
    p.requireSameCount(input, output);
    if (input.type() == ElementType.FLOAT32) {
      return new FloatOp(kind, input.f32, output.f32, p.options.alpha);
    }
    p.requireQuantized(input, "input");
    p.requireQuantized(output, "output");
    return switch (kind) {
      case LOGISTIC -> {
        p.require(output.zeroPoint() == -128, "int8 output '" + output.name()
            + "' must have zero point -128, found " + output.zeroPoint());
        yield Sigmoid.prepare(input, output, true);
      }
      case TANH -> Sigmoid.prepare(input, output, false);
      case RELU -> Relu.prepare(input, output);
      case RELU6 -> Relu6.prepare(input, output);
      case LEAKY_RELU -> LeakyRelu.prepare(input, output, p.options.alpha);
      case HARD_SWISH -> HardSwish.prepare(input, output);
    };
  }

  /** Int8 LOGISTIC and TANH: input to Q4.27, gemmlowp logistic/tanh, output Q0.7 / Q0.8. */
  static final class Sigmoid extends Kernel {
    final byte[] in, out;
    final int zp, radius, multiplier, leftShift;
    final boolean logistic;

    Sigmoid(byte[] in, byte[] out, int zp, int radius, int multiplier, int leftShift,
        boolean logistic) {
      this.in = in;
      this.out = out;
      this.zp = zp;
      this.radius = radius;
      this.multiplier = multiplier;
      this.leftShift = leftShift;
      this.logistic = logistic;
    }

    static Kernel prepare(Tensor input, Tensor output, boolean logistic) {
      final int inputIntegerBits = 4;
      double real = (double) input.scale() * (double) (1 << (31 - inputIntegerBits));
      int shift = QuantArith.frexpExponent(real);
      double q = real / Math.pow(2, shift);
      int multiplier = (int) (long) QuantArith.roundHalfAway(q * (1L << 31));
      int radius = QuantArith.calculateInputRadius(inputIntegerBits, shift, 31);
      return new Sigmoid(input.i8, output.i8, input.zeroPoint(), radius, multiplier, shift,
          logistic);
    }

    @Override
    public void eval() {
      for (int i = 0; i < in.length; i++) {
        int x = in[i] - zp;
        int v;
        if (x <= -radius) {
          v = -128;
        } else if (x >= radius) {
          v = 127;
        } else {
          int q4 = QuantArith.multiplyByQuantizedMultiplier(x, multiplier, leftShift);
          if (logistic) {
            int q0 = QuantArith.logistic(q4, 4);
            v = Math.min(Math.max(QuantArith.roundingDivideByPot(q0, 23) - 128, -128), 127);
          } else {
            int q0 = QuantArith.tanh(q4, 4);
            v = Math.min(Math.max(QuantArith.roundingDivideByPot(q0, 24), -128), 127);
          }
        }
        out[i] = (byte) v;
      }
    }
  }

  /** Int8 RELU: requantize input to output scale, clamp at the output's zero. */
  static final class Relu extends Kernel {
    final byte[] in, out;
    final int inZp, outZp, multiplier, shift, min, max;

    Relu(byte[] in, byte[] out, int inZp, int outZp, int multiplier, int shift, int min, int max) {
      this.in = in;
      this.out = out;
      this.inZp = inZp;
      this.outZp = outZp;
      this.multiplier = multiplier;
      this.shift = shift;
      this.min = min;
      this.max = max;
    }

    static Kernel prepare(Tensor input, Tensor output) {
      QuantArith.Multiplier m =
          QuantArith.quantizeMultiplier((double) (input.scale() / output.scale()));
      int min = Math.max(-128,
          output.zeroPoint() + (int) QuantArith.roundHalfAway(0f / output.scale()));
      return new Relu(input.i8, output.i8, input.zeroPoint(), output.zeroPoint(),
          m.multiplier(), m.shift(), min, 127);
    }

    @Override
    public void eval() {
      for (int i = 0; i < in.length; i++) {
        int v = outZp + QuantArith.multiplyByQuantizedMultiplier(in[i] - inZp, multiplier, shift);
        out[i] = (byte) Math.min(Math.max(v, min), max);
      }
    }
  }

  /** Int8 RELU6 as TFLite Micro does it: clamp to [zero, six] of the input's quantization. */
  static final class Relu6 extends Kernel {
    final byte[] in, out;
    final int zero, six;

    Relu6(byte[] in, byte[] out, int zero, int six) {
      this.in = in;
      this.out = out;
      this.zero = zero;
      this.six = six;
    }

    static Kernel prepare(Tensor input, Tensor output) {
      int six = input.zeroPoint() + (int) QuantArith.roundHalfAway(6f / input.scale());
      return new Relu6(input.i8, output.i8, input.zeroPoint(), Math.min(127, six));
    }

    @Override
    public void eval() {
      for (int i = 0; i < in.length; i++) {
        int v = in[i];
        out[i] = (byte) Math.min(Math.max(v, zero), six);
      }
    }
  }

  /** Int8 LEAKY_RELU: identity and alpha multipliers chosen by the sign of the input. */
  static final class LeakyRelu extends Kernel {
    final byte[] in, out;
    final int inZp, outZp, mIdentity, sIdentity, mAlpha, sAlpha;

    LeakyRelu(byte[] in, byte[] out, int inZp, int outZp, int mIdentity, int sIdentity,
        int mAlpha, int sAlpha) {
      this.in = in;
      this.out = out;
      this.inZp = inZp;
      this.outZp = outZp;
      this.mIdentity = mIdentity;
      this.sIdentity = sIdentity;
      this.mAlpha = mAlpha;
      this.sAlpha = sAlpha;
    }

    static Kernel prepare(Tensor input, Tensor output, float alpha) {
      QuantArith.Multiplier a =
          QuantArith.quantizeMultiplier((double) (input.scale() * alpha / output.scale()));
      QuantArith.Multiplier id =
          QuantArith.quantizeMultiplier((double) (input.scale() / output.scale()));
      return new LeakyRelu(input.i8, output.i8, input.zeroPoint(), output.zeroPoint(),
          id.multiplier(), id.shift(), a.multiplier(), a.shift());
    }

    @Override
    public void eval() {
      boolean negative = mAlpha < 0;
      int safeAlpha = negative ? -mAlpha : mAlpha;
      for (int i = 0; i < in.length; i++) {
        int x = in[i] - inZp;
        int v = outZp;
        if (x >= 0) {
          v += QuantArith.multiplyByQuantizedMultiplier(x, mIdentity, sIdentity);
        } else {
          int s = QuantArith.multiplyByQuantizedMultiplier(x, safeAlpha, sAlpha);
          v += negative ? -s : s;
        }
        out[i] = (byte) Math.min(127, Math.max(-128, v));
      }
    }
  }

  /** Int8 HARD_SWISH in TFLite's int16 fixed-point form. */
  static final class HardSwish extends Kernel {
    final byte[] in, out;
    final int inZp, outZp;
    final short outMult16, reluishMult16;
    final int outExp, reluishExp;

    HardSwish(byte[] in, byte[] out, int inZp, int outZp, short outMult16, int outExp,
        short reluishMult16, int reluishExp) {
      this.in = in;
      this.out = out;
      this.inZp = inZp;
      this.outZp = outZp;
      this.outMult16 = outMult16;
      this.outExp = outExp;
      this.reluishMult16 = reluishMult16;
      this.reluishExp = reluishExp;
    }

    static Kernel prepare(Tensor input, Tensor output) {
      float hiresInputScale = (1.0f / 128.0f) * input.scale();
      float reluishScale = 3.0f / 32768.0f;
      QuantArith.Multiplier o =
          QuantArith.quantizeMultiplier((double) (hiresInputScale / output.scale()));
      QuantArith.Multiplier r =
          QuantArith.quantizeMultiplier((double) (hiresInputScale / reluishScale));
      return new HardSwish(input.i8, output.i8, input.zeroPoint(), output.zeroPoint(),
          downScale(o.multiplier()), o.shift(), downScale(r.multiplier()), r.shift());
    }

    static short downScale(int m32) {
      if (m32 >= Integer.MAX_VALUE - (1 << 15)) {
        return Short.MAX_VALUE;
      }
      return (short) ((m32 + (1 << 15)) >> 16);
    }

    static short srdhm16(short a, short b) {
      if (a == b && a == Short.MIN_VALUE) {
        return Short.MAX_VALUE;
      }
      int ab = a * b;
      int nudge = ab >= 0 ? (1 << 14) : (1 - (1 << 14));
      return (short) ((ab + nudge) / (1 << 15));
    }

    static short sdhm16(short a, short b) {
      if (a == b && a == Short.MIN_VALUE) {
        return Short.MAX_VALUE;
      }
      return (short) ((a * b) / (1 << 15));
    }

    static short saturatingLeftShift(short v, int amount) {
      long r = (long) v * (1L << amount);
      return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, r));
    }

    static short rdbpot16(short x, int exponent) {
      int mask = (1 << exponent) - 1;
      int remainder = x & mask;
      int threshold = (mask >> 1) + (x < 0 ? 1 : 0);
      return (short) ((x >> exponent) + (remainder > threshold ? 1 : 0));
    }

    @Override
    public void eval() {
      for (int i = 0; i < in.length; i++) {
        short inputValue = (short) (in[i] - inZp);
        short hires = (short) (inputValue * (1 << 7));
        short preshiftOut = srdhm16(hires, outMult16);
        short reluish = hires;
        if (reluishExp > 0) {
          reluish = saturatingLeftShift(reluish, reluishExp - 1);
        }
        reluish = srdhm16(reluish, reluishMult16);
        if (reluishExp > 0) {
          reluish = saturatingLeftShift(reluish, 1);
        }
        if (reluishExp < 0) {
          reluish = rdbpot16(reluish, -reluishExp);
        }
        reluish = (short) ((reluish + (1 << 15)) >> 1);
        short preshiftOutput = sdhm16(reluish, preshiftOut);
        short v = rdbpot16(preshiftOutput, -outExp);
        v = (short) (v + outZp);
        v = (short) Math.min(v, 127);
        v = (short) Math.max(v, -128);
        out[i] = (byte) v;
      }
    }
  }

  static final class FloatOp extends Kernel {
    final Kind kind;
    final float[] in, out;
    final float alpha;

    FloatOp(Kind kind, float[] in, float[] out, float alpha) {
      this.kind = kind;
      this.in = in;
      this.out = out;
      this.alpha = alpha;
    }

    @Override
    public void eval() {
      for (int i = 0; i < in.length; i++) {
        float x = in[i];
        out[i] = switch (kind) {
          case LOGISTIC -> x > 16.619047164916992188f ? 1f
              : x < -9f ? (float) Math.exp(x) : 1f / (1f + (float) Math.exp(-x));
          case TANH -> (float) Math.tanh(x);
          case RELU -> x < 0f ? 0f : x;
          case RELU6 -> x > 6f ? 6f : x < 0f ? 0f : x;
          case LEAKY_RELU -> x > 0f ? x : x * alpha;
          case HARD_SWISH -> x * Math.min(6f, Math.max(0f, x + 3f)) / 6f;
        };
      }
    }
  }
}
