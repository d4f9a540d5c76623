package kiln.micro.kernels;

import java.util.Arrays;
import kiln.api.model.ElementType;
import kiln.micro.reference.QuantArith;
import kiln.micro.reference.QuantRows;

/**
 * ADD, SUB and MUL with numpy broadcasting (up to 5 dimensions), int8 (TFLite Micro's
 * left-shift-20 rescaling for ADD/SUB, one multiplier for MUL) or float32, with fused activation.
 */
public final class Binary {
  private Binary() {}

  public enum Kind { ADD, SUB, MUL }

  public static Kernel prepare(Prep p, Kind kind) {
    Tensor a = p.in(0);
    Tensor b = p.in(1);
    Tensor out = p.out(0);
    p.requireType(a, "input", ElementType.INT8, ElementType.INT16, ElementType.FLOAT32);
    p.requireSameType(a, b);
    p.requireSameType(a, out);
    int[] shape = broadcastShape(p, a.shape, b.shape);
    p.requireShape(out, shape);
    int[] ia = Arrays.equals(a.shape, shape) ? null : indexMap(a.shape, shape);
    int[] ib = Arrays.equals(b.shape, shape) ? null : indexMap(b.shape, shape);
    if (a.type() == ElementType.INT16) {
      return Binary16.prepare(p, kind, ia, ib);
    }
    if (a.type() == ElementType.FLOAT32) {
      float[] r = Activation.floatRange(p, p.options.activation);
      return new FloatBinary(kind, a.f32, b.f32, out.f32, ia, ib, r[0], r[1]);
    }
    p.requireQuantized(a, "input1");
    p.requireQuantized(b, "input2");
    p.requireQuantized(out, "output");
    int[] range = Activation.quantizedRange(p, p.options.activation, out);
    if (kind == Kind.MUL) {
      QuantArith.Multiplier m = QuantArith.quantizeMultiplier(
          (double) a.scale() * (double) b.scale() / (double) out.scale());
      return new Int8Mul(a.i8, b.i8, out.i8, ia, ib, -a.zeroPoint(), -b.zeroPoint(),
          out.zeroPoint(), m.multiplier(), m.shift(), range[0], range[1]);
    }
    final int leftShift = 20;
    QuantArith.Multiplier[] m = addSubMultipliers(kind, a, b, out, leftShift);
    QuantArith.Multiplier m1 = m[0];
    QuantArith.Multiplier m2 = m[1];
    QuantArith.Multiplier mo = m[2];
    return new Int8AddSub(kind == Kind.SUB, a.i8, b.i8, out.i8, ia, ib, -a.zeroPoint(),
        -b.zeroPoint(), out.zeroPoint(), leftShift, m1, m2, mo, range[0], range[1]);
  }

  /**
   * ADD's and SUB's input and output multipliers for a left shift (20 for int8, 15 for int16), as
   * TFLite Micro's add_common.cc / sub_common.cc compute them (ADD in double, SUB in float).
   */
  static QuantArith.Multiplier[] addSubMultipliers(Kind kind, Tensor a, Tensor b, Tensor out, int leftShift) {
    double r1;
    double r2;
    double ro;
    if (kind == Kind.ADD) {
      double twiceMax = 2 * (double) Math.max(a.scale(), b.scale());
      r1 = (double) a.scale() / twiceMax;
      r2 = (double) b.scale() / twiceMax;
      ro = twiceMax / ((1 << leftShift) * (double) out.scale());
    } else {
      // SUB's prepare computes in float
      float twiceMax = 2 * Math.max(a.scale(), b.scale());
      r1 = (double) (a.scale() / twiceMax);
      r2 = (double) (b.scale() / twiceMax);
      ro = (double) (twiceMax / ((1 << leftShift) * out.scale()));
    }
    return new QuantArith.Multiplier[] {QuantArith.quantizeMultiplier(r1), QuantArith.quantizeMultiplier(r2),
        QuantArith.quantizeMultiplier(ro)};
  }

  static int[] broadcastShape(Prep p, int[] a, int[] b) {
    int rank = Math.max(a.length, b.length);
    p.require(rank <= 5, "broadcasting supports up to 5 dimensions, found " + rank);
    int[] r = new int[rank];
    for (int i = 0; i < rank; i++) {
      int da = i - (rank - a.length) >= 0 ? a[i - (rank - a.length)] : 1;
      int db = i - (rank - b.length) >= 0 ? b[i - (rank - b.length)] : 1;
      p.require(da == db || da == 1 || db == 1,
          "shapes " + Arrays.toString(a) + " and " + Arrays.toString(b) + " do not broadcast");
      r[i] = da == 1 ? db : da;
    }
    return r;
  }

  /** For each element of the output shape, the flat index into an input broadcast to it. */
  static int[] indexMap(int[] in, int[] out) {
    int rank = out.length;
    int[] strides = new int[rank];
    int s = 1;
    for (int i = rank - 1; i >= 0; i--) {
      int k = i - (rank - in.length);
      int d = k >= 0 ? in[k] : 1;
      strides[i] = d == 1 ? 0 : s;
      s *= d;
    }
    int n = 1;
    for (int d : out) {
      n *= d;
    }
    int[] map = new int[n];
    int[] idx = new int[rank];
    for (int e = 0; e < n; e++) {
      int off = 0;
      for (int i = 0; i < rank; i++) {
        off += idx[i] * strides[i];
      }
      map[e] = off;
      for (int i = rank - 1; i >= 0; i--) {
        if (++idx[i] < out[i]) {
          break;
        }
        idx[i] = 0;
      }
    }
    return map;
  }

  static final class Int8AddSub extends Kernel {
    final boolean sub;
    final byte[] a, b, out;
    final int[] ia, ib;
    final int offA, offB, outZp, leftShift, m1, s1, m2, s2, mo, so, min, max;

    Int8AddSub(boolean sub, byte[] a, byte[] b, byte[] out, int[] ia, int[] ib, int offA,
        int offB, int outZp, int leftShift, QuantArith.Multiplier q1, QuantArith.Multiplier q2,
        QuantArith.Multiplier qo, int min, int max) {
      this.sub = sub;
      this.a = a;
      this.b = b;
      this.out = out;
      this.ia = ia;
      this.ib = ib;
      this.offA = offA;
      this.offB = offB;
      this.outZp = outZp;
      this.leftShift = leftShift;
      this.m1 = q1.multiplier();
      this.s1 = q1.shift();
      this.m2 = q2.multiplier();
      this.s2 = q2.shift();
      this.mo = qo.multiplier();
      this.so = qo.shift();
      this.min = min;
      this.max = max;
      fillTables();
    }

    /**
     * Each input has only 256 values, so its scaled value (offset, shift left 20, first
     * multiplier) comes from a table; the sums are then requantized a chunk at a time with
     * {@link QuantRows}, which equals the scalar rounding for an output shift in [-31, 0].
     */
    private final int[] lutA = new int[256];
    private final int[] lutB = new int[256];
    private final int[] row = new int[CHUNK];
    private static final int CHUNK = 1024;

    private boolean rows() {
      return so <= 0 && so >= -31 && mo >= 0;
    }

    private void fillTables() {
      for (int v = -128; v < 128; v++) {
        lutA[v + 128] = QuantArith.multiplyByQuantizedMultiplierSmallerThanOneExp(
            (offA + v) * (1 << leftShift), m1, s1);
        lutB[v + 128] = QuantArith.multiplyByQuantizedMultiplierSmallerThanOneExp(
            (offB + v) * (1 << leftShift), m2, s2);
      }
    }

    @Override
    public void eval() {
      if (!rows()) {
        evalScalar();
        return;
      }
      final int[] lutA = this.lutA;
      final int[] lutB = this.lutB;
      final int[] row = this.row;
      final int sign = sub ? -1 : 1;
      for (int start = 0; start < out.length; start += CHUNK) {
        int n = Math.min(CHUNK, out.length - start);
        if (ia == null && ib == null) {
          for (int i = 0; i < n; i++) {
            row[i] = lutA[a[start + i] + 128] + sign * lutB[b[start + i] + 128];
          }
        } else {
          for (int i = 0; i < n; i++) {
            int e = start + i;
            row[i] = lutA[a[ia == null ? e : ia[e]] + 128]
                + sign * lutB[b[ib == null ? e : ib[e]] + 128];
          }
        }
        QuantRows.requantize(row, n, mo, so, outZp, min, max);
        for (int i = 0; i < n; i++) {
          out[start + i] = (byte) row[i];
        }
      }
    }

    /** The element-wise form of TFLite Micro's reference kernel. */
    private void evalScalar() {
      for (int i = 0; i < out.length; i++) {
        int x = offA + a[ia == null ? i : ia[i]];
        int y = offB + b[ib == null ? i : ib[i]];
        int sx = QuantArith.multiplyByQuantizedMultiplierSmallerThanOneExp(x * (1 << leftShift), m1, s1);
        int sy = QuantArith.multiplyByQuantizedMultiplierSmallerThanOneExp(y * (1 << leftShift), m2, s2);
        int raw = sub ? sx - sy : sx + sy;
        int v = QuantArith.multiplyByQuantizedMultiplierSmallerThanOneExp(raw, mo, so) + outZp;
        out[i] = (byte) Math.min(Math.max(v, min), max);
      }
    }
  }

  static final class Int8Mul extends Kernel {
    final byte[] a, b, out;
    final int[] ia, ib;
    final int offA, offB, outZp, m, s, min, max;

    Int8Mul(byte[] a, byte[] b, byte[] out, int[] ia, int[] ib, int offA, int offB, int outZp,
        int m, int s, int min, int max) {
      this.a = a;
      this.b = b;
      this.out = out;
      this.ia = ia;
      this.ib = ib;
      this.offA = offA;
      this.offB = offB;
      this.outZp = outZp;
      this.m = m;
      this.s = s;
      this.min = min;
      this.max = max;
    }

    @Override
    public void eval() {
      for (int i = 0; i < out.length; i++) {
        int x = offA + a[ia == null ? i : ia[i]];
        int y = offB + b[ib == null ? i : ib[i]];
        int v = QuantArith.multiplyByQuantizedMultiplier(x * y, m, s) + outZp;
        out[i] = (byte) Math.min(Math.max(v, min), max);
      }
    }
  }

  static final class FloatBinary extends Kernel {
    final Kind kind;
    final float[] a, b, out;
    final int[] ia, ib;
    final float min, max;

    FloatBinary(Kind kind, float[] a, float[] b, float[] out, int[] ia, int[] ib, float min,
        float max) {
      this.kind = kind;
      this.a = a;
      this.b = b;
      this.out = out;
      this.ia = ia;
      this.ib = ib;
      this.min = min;
      this.max = max;
    }

    @Override
    public void eval() {
      for (int i = 0; i < out.length; i++) {
        float x = a[ia == null ? i : ia[i]];
        float y = b[ib == null ? i : ib[i]];
        float v = switch (kind) {
          case ADD -> x + y;
          case SUB -> x - y;
          case MUL -> x * y;
        };
        out[i] = Activation.clamp(v, min, max);
      }
    }
  }
}
