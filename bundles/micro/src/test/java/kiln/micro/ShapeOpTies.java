package kiln.micro;

import kiln.micro.kernels.BatchMatMul;
import kiln.micro.kernels.Kernel;
import kiln.micro.reference.QuantArith;

/**
 * Rounding ties of the ShapeOps kernels against TFLite 2.20: BATCH_MATMUL requantizes its int32
 * sums with TFLite Micro's double rounding (Kiln) where TFLite's optimized kernel rounds once
 * ((acc * multiplier + 2^(30 - shift)) >> (31 - shift)), as for FULLY_CONNECTED.
 */
final class ShapeOpTies {
  private ShapeOpTies() {}

  static boolean batchMatMul(Kernel k, int e, int kiln, int oracle) {
    if (!(k instanceof BatchMatMul b)) {
      return false;
    }
    int acc = b.accumulatorAt(e);
    int zp = b.outputZeroPoint();
    int micro =
        clamp(QuantArith.multiplyByQuantizedMultiplier(acc, b.multiplier(), b.shift()) + zp);
    int total = 31 - b.shift();
    int single = (int) (((long) acc * b.multiplier() + (1L << (total - 1))) >> total);
    return micro == kiln && clamp(single + zp) == oracle;
  }

  private static int clamp(int v) {
    return Math.min(Math.max(v, -128), 127);
  }
}
