package kiln.micro.kernels;

import kiln.api.model.ElementType;
import kiln.micro.reference.QuantArith;

/**
 * EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL with broadcasting (up to 8
 * dimensions) into a bool output: float32, int32, bool (EQUAL, NOT_EQUAL only), and int8 where
 * both sides are first brought to real scale as TFLite Micro does (x - zp shifted left by 8, times
 * the input's own scale as a multiplier below one).
 */
public final class Comparison {
  private Comparison() {}

  /** Op kinds handled here. */
  public enum Kind { EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL }

  public static Kernel prepare(Prep p, Kind kind) {
    Tensor a = p.in(0);
    Tensor b = p.in(1);
    Tensor out = p.out(0);
    if (kind == Kind.EQUAL || kind == Kind.NOT_EQUAL) {
      p.requireType(a, "input", ElementType.FLOAT32, ElementType.INT8, ElementType.INT32,
          ElementType.BOOL);
    } else {
      p.requireType(a, "input", ElementType.FLOAT32, ElementType.INT8, ElementType.INT32);
    }
    p.requireSameType(a, b);
    p.requireType(out, "output", ElementType.BOOL);
    int[][] m = MathArith.broadcast(p, a, b, out, MathArith.MAX_BROADCAST_RANK);
    int[] ia = m[0];
    int[] ib = m[1];
    byte[] o = out.i8;
    if (a.type() == ElementType.FLOAT32) {
      return new Kernel() {
        @Override
        public void eval() {
          for (int i = 0; i < o.length; i++) {
            float x = a.f32[ia == null ? i : ia[i]];
            float y = b.f32[ib == null ? i : ib[i]];
            boolean r = switch (kind) {
              case EQUAL -> x == y;
              case NOT_EQUAL -> x != y;
              case LESS -> x < y;
              case LESS_EQUAL -> x <= y;
              case GREATER -> x > y;
              case GREATER_EQUAL -> x >= y;
            };
            o[i] = (byte) (r ? 1 : 0);
          }
        }
      };
    }
    if (a.type() == ElementType.INT32) {
      return new Kernel() {
        @Override
        public void eval() {
          for (int i = 0; i < o.length; i++) {
            o[i] = (byte) (compare(kind, a.i32[ia == null ? i : ia[i]],
                b.i32[ib == null ? i : ib[i]]) ? 1 : 0);
          }
        }
      };
    }
    if (a.type() == ElementType.BOOL) {
      return new Kernel() {
        @Override
        public void eval() {
          for (int i = 0; i < o.length; i++) {
            o[i] = (byte) (compare(kind, a.i8[ia == null ? i : ia[i]],
                b.i8[ib == null ? i : ib[i]]) ? 1 : 0);
          }
        }
      };
    }
    p.requireQuantized(a, "input1");
    p.requireQuantized(b, "input2");
    p.require(a.scale() < 1f && b.scale() < 1f, "int8 input scales must be below 1 (found "
        + a.scale() + " and " + b.scale() + ")");
    QuantArith.Multiplier ma = QuantArith.quantizeMultiplier((double) a.scale());
    QuantArith.Multiplier mb = QuantArith.quantizeMultiplier((double) b.scale());
    int offA = -a.zeroPoint();
    int offB = -b.zeroPoint();
    final int leftShift = 8;
    return new Kernel() {
      @Override
      public void eval() {
        for (int i = 0; i < o.length; i++) {
          int x = QuantArith.multiplyByQuantizedMultiplierSmallerThanOneExp(
              (offA + a.i8[ia == null ? i : ia[i]]) * (1 << leftShift), ma.multiplier(),
              ma.shift());
          int y = QuantArith.multiplyByQuantizedMultiplierSmallerThanOneExp(
              (offB + b.i8[ib == null ? i : ib[i]]) * (1 << leftShift), mb.multiplier(),
              mb.shift());
          o[i] = (byte) (compare(kind, x, y) ? 1 : 0);
        }
      }
    };
  }

  static boolean compare(Kind kind, int x, int y) {
    return switch (kind) {
      case EQUAL -> x == y;
      case NOT_EQUAL -> x != y;
      case LESS -> x < y;
      case LESS_EQUAL -> x <= y;
      case GREATER -> x > y;
      case GREATER_EQUAL -> x >= y;
    };
  }
}
