package kiln.micro.kernels;

import java.util.Arrays;
import kiln.api.model.ElementType;
import kiln.micro.reference.QuantArith;

/**
 * REDUCE_MAX, REDUCE_MIN, SUM and REDUCE_ALL (bool) over constant axes (keep_dims or not). Float32
 * and int8: MAX and MIN on raw values (input and output must share scale and zero point, as TFLite
 * Micro checks); int8 SUM as TFLite Micro's QuantizedMeanOrSum with compute_sum: int32 sums minus
 * zp_in times N, one multiplier s_in / s_out; int16 SUM the same, clamped to int16.
 */
public final class Reduce {
  private Reduce() {}

  /** Op kinds handled here. */
  public enum Kind { MAX, MIN, SUM, ALL }

  public static Kernel prepare(Prep p, Kind kind) {
    Tensor input = p.in(0);
    Tensor axisT = p.in(1);
    Tensor output = p.out(0);
    if (kind == Kind.SUM) {
      p.requireType(input, "input", ElementType.INT8, ElementType.INT16, ElementType.FLOAT32);
    } else if (kind == Kind.ALL) {
      p.requireType(input, "input", ElementType.BOOL);
    } else {
      p.requireType(input, "input", ElementType.INT8, ElementType.FLOAT32);
    }
    p.requireSameType(input, output);
    p.requireType(axisT, "axis", ElementType.INT32);
    p.requireConstant(axisT, "axis");
    int rank = input.rank();
    boolean[] reduced = new boolean[rank];
    for (int a : axisT.i32) {
      int r = a < 0 ? a + rank : a;
      p.require(r >= 0 && r < rank, "axis " + a + " is out of range for rank " + rank);
      reduced[r] = true;
    }
    int outCount = 1;
    int n = 1;
    for (int i = 0; i < rank; i++) {
      if (reduced[i]) {
        n *= input.shape[i];
      } else {
        outCount *= input.shape[i];
      }
    }
    p.require(output.elementCount() == outCount, "output '" + output.name() + "' must have "
        + outCount + " elements, found shape " + Arrays.toString(output.shape));
    int[] outIndex = outIndex(input.shape, reduced);
    if (kind == Kind.ALL) {
      byte[] in = input.i8;
      byte[] out = output.i8;
      return new Kernel() {
        @Override
        public void eval() {
          Arrays.fill(out, (byte) 1);
          for (int e = 0; e < in.length; e++) {
            if (in[e] == 0) {
              out[outIndex[e]] = 0;
            }
          }
        }
      };
    }
    if (input.type() == ElementType.FLOAT32) {
      float init = kind == Kind.MAX ? -Float.MAX_VALUE : kind == Kind.MIN ? Float.MAX_VALUE : 0f;
      float[] in = input.f32;
      float[] out = output.f32;
      return new Kernel() {
        @Override
        public void eval() {
          Arrays.fill(out, init);
          for (int e = 0; e < in.length; e++) {
            int o = outIndex[e];
            float x = in[e];
            out[o] = switch (kind) {
              case MAX -> x > out[o] ? x : out[o];
              case MIN -> x < out[o] ? x : out[o];
              default -> x + out[o];
            };
          }
        }
      };
    }
    p.requireQuantized(input, "input");
    p.requireQuantized(output, "output");
    if (input.type() == ElementType.INT16) {
      return int16Sum(input, output, outIndex, n);
    }
    byte[] in = input.i8;
    byte[] out = output.i8;
    if (kind != Kind.SUM) {
      p.require(input.scale() == output.scale() && input.zeroPoint() == output.zeroPoint(),
          "int8 output '" + output.name() + "' must have the input's scale and zero point ("
              + input.scale() + ", " + input.zeroPoint() + "), found (" + output.scale() + ", "
              + output.zeroPoint() + ")");
      byte init = kind == Kind.MAX ? Byte.MIN_VALUE : Byte.MAX_VALUE;
      boolean max = kind == Kind.MAX;
      return new Kernel() {
        @Override
        public void eval() {
          Arrays.fill(out, init);
          for (int e = 0; e < in.length; e++) {
            int o = outIndex[e];
            byte x = in[e];
            if (max ? x > out[o] : x < out[o]) {
              out[o] = x;
            }
          }
        }
      };
    }
    QuantArith.Multiplier m = QuantArith.quantizeMultiplier(
        (double) input.scale() / (double) output.scale());
    int inZp = input.zeroPoint();
    int outZp = output.zeroPoint();
    int[] sums = new int[out.length];
    int count = n;
    return new Kernel() {
      @Override
      public void eval() {
        Arrays.fill(sums, 0);
        for (int e = 0; e < in.length; e++) {
          sums[outIndex[e]] += in[e];
        }
        if (count == 0) {
          Arrays.fill(out, (byte) 0);
          return;
        }
        for (int o = 0; o < out.length; o++) {
          int v = QuantArith.multiplyByQuantizedMultiplier(sums[o] - inZp * count, m.multiplier(),
              m.shift()) + outZp;
          out[o] = (byte) Math.min(Math.max(v, -128), 127);
        }
      }
    };
  }

  /** Int16 SUM: QuantizedMeanOrSum's integer rule, clamped to int16. */
  static Kernel int16Sum(Tensor input, Tensor output, int[] outIndex, int n) {
    QuantArith.Multiplier m = QuantArith.quantizeMultiplier(
        (double) input.scale() / (double) output.scale());
    short[] in = input.i16;
    short[] out = output.i16;
    int inZp = input.zeroPoint();
    int outZp = output.zeroPoint();
    int[] sums = new int[out.length];
    return new Kernel() {
      @Override
      public void eval() {
        Arrays.fill(sums, 0);
        for (int e = 0; e < in.length; e++) {
          sums[outIndex[e]] += in[e];
        }
        for (int o = 0; o < out.length; o++) {
          int v = n == 0 ? 0 : QuantArith.multiplyByQuantizedMultiplier(sums[o] - inZp * n,
              m.multiplier(), m.shift()) + outZp;
          out[o] = (short) Math.min(Math.max(v, -32768), 32767);
        }
      }
    };
  }

  /** For each input element (row-major), the flat index of the output element it reduces into. */
  static int[] outIndex(int[] shape, boolean[] reduced) {
    int count = 1;
    for (int d : shape) {
      count *= d;
    }
    int[] outIndex = new int[count];
    int[] idx = new int[shape.length];
    for (int e = 0; e < count; e++) {
      int o = 0;
      for (int i = 0; i < shape.length; i++) {
        if (!reduced[i]) {
          o = o * shape[i] + idx[i];
        }
      }
      outIndex[e] = o;
      for (int i = shape.length - 1; i >= 0; i--) {
        if (++idx[i] < shape[i]) {
          break;
        }
        idx[i] = 0;
      }
    }
    return outIndex;
  }
}
