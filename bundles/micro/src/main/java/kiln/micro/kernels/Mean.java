package kiln.micro.kernels;

import java.util.Arrays;
import kiln.api.model.ElementType;
import kiln.micro.reference.QuantArith;

/**
 * MEAN over constant axes. Int8 as TFLite Micro's QuantizedMeanOrSum: int32 sums, the zero point
 * times N removed, and 1/N folded into the input/output multiplier with an integer division.
 */
public final class Mean {
  private Mean() {}

  public static Kernel prepare(Prep p) {
    Tensor input = p.in(0);
    Tensor axisT = p.in(1);
    Tensor output = p.out(0);
    p.requireType(input, "input", ElementType.INT8, ElementType.FLOAT32);
    p.requireSameType(input, output);
    p.requireType(axisT, "axis", ElementType.INT32, ElementType.INT64);
    p.requireConstant(axisT, "axis");
    int rank = input.rank();
    boolean[] reduced = new boolean[rank];
    for (int a : axisT.i32) {
      int r = a < 0 ? a + rank : a;
      p.require(r >= 0 && r < rank, "axis " + a + " is out of range for rank " + rank);
      reduced[r] = true;
    }
    int[] outIndex = new int[input.elementCount()];
    int[] idx = new int[rank];
    int n = 1;
    int outCount = 1;
    for (int i = 0; i < rank; i++) {
      if (reduced[i]) {
        n *= input.shape[i];
      } else {
        outCount *= input.shape[i];
      }
    }
    p.require(output.elementCount() == outCount, "output '" + output.name() + "' must have "
        + outCount + " elements, found shape " + Arrays.toString(output.shape));
    for (int e = 0; e < outIndex.length; e++) {
      int o = 0;
      for (int i = 0; i < rank; i++) {
        if (!reduced[i]) {
          o = o * input.shape[i] + idx[i];
        }
      }
      outIndex[e] = o;
      for (int i = rank - 1; i >= 0; i--) {
        if (++idx[i] < input.shape[i]) {
          break;
        }
        idx[i] = 0;
      }
    }
    if (input.type() == ElementType.FLOAT32) {
      return new FloatMean(input.f32, output.f32, outIndex, n);
    }
    p.requireQuantized(input, "input");
    p.requireQuantized(output, "output");
    QuantArith.Multiplier m = QuantArith.quantizeMultiplier(
        (double) input.scale() / (double) output.scale());
    int multiplier = m.multiplier();
    int shift = m.shift();
    if (n > 0) {
      int s = 63 - Long.numberOfLeadingZeros(n);
      s = Math.min(s, 32);
      s = Math.min(s, 31 + shift);
      multiplier = (int) (((long) multiplier << s) / n);
      shift = shift - s;
    }
    return new Int8Mean(input.i8, output.i8, outIndex, n, input.zeroPoint(), output.zeroPoint(),
        multiplier, shift);
  }

  public static final class Int8Mean extends Kernel {
    final byte[] in, out;
    final int[] outIndex, sums;
    final int n, inZp, outZp, multiplier, shift;

    Int8Mean(byte[] in, byte[] out, int[] outIndex, int n, int inZp, int outZp, int multiplier,
        int shift) {
      this.in = in;
      this.out = out;
      this.outIndex = outIndex;
      this.sums = new int[out.length];
      this.n = n;
      this.inZp = inZp;
      this.outZp = outZp;
      this.multiplier = multiplier;
      this.shift = shift;
    }

    /** The zero-point-corrected sum of output element o (after eval); tests check ties with it. */
    public int shiftedSum(int o) {
      return sums[o] - inZp * n;
    }

    public int count() {
      return n;
    }

    @Override
    public void eval() {
      Arrays.fill(sums, 0);
      for (int e = 0; e < in.length; e++) {
        sums[outIndex[e]] += in[e];
      }
      if (n == 0) {
        Arrays.fill(out, (byte) 0);
        return;
      }
      for (int o = 0; o < out.length; o++) {
        int v = QuantArith.multiplyByQuantizedMultiplier(sums[o] - inZp * n, multiplier, shift)
            + outZp;
        out[o] = (byte) Math.min(Math.max(v, -128), 127);
      }
    }
  }

  static final class FloatMean extends Kernel {
    final float[] in, out;
    final int[] outIndex;
    final int n;

    FloatMean(float[] in, float[] out, int[] outIndex, int n) {
      this.in = in;
      this.out = out;
      this.outIndex = outIndex;
      this.n = n;
    }

    @Override
    public void eval() {
      Arrays.fill(out, 0f);
      for (int e = 0; e < in.length; e++) {
        out[outIndex[e]] += in[e];
      }
      for (int o = 0; o < out.length; o++) {
        out[o] = out[o] / n;
      }
    }
  }
}
