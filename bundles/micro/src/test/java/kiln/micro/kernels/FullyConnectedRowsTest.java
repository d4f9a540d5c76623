package kiln.micro.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import kiln.micro.reference.QuantArith;
import org.junit.jupiter.api.Test;

/**
 * The int8 FULLY_CONNECTED kernel with many units (its transposed-filter accumulator rows)
 * equals TFLite Micro's reference loop, written here directly (one dot product per unit, then
 * MultiplyByQuantizedMultiplier, zero point, clamp), byte for byte: per-tensor filters with a
 * zero point and per-channel ones, several batches, depths that are not multiples of 4.
 */
class FullyConnectedRowsTest {
  @Test
  void rowsEqualTheReferenceLoop() {
    Random r = new Random(20261205L);
    for (int t = 0; t < 300; t++) {
      int batches = 1 + r.nextInt(3);
      int depth = 1 + r.nextInt(300);
      int units = (t % 5 == 0 ? 1 : 16) + r.nextInt(200);
      boolean perChannel = r.nextBoolean();
      byte[] in = new byte[batches * depth];
      byte[] filter = new byte[units * depth];
      r.nextBytes(in);
      r.nextBytes(filter);
      int filterOffset = perChannel ? 0 : r.nextInt(256) - 128;
      int[] m = new int[units];
      int[] s = new int[units];
      int[] bias = r.nextBoolean() ? new int[units] : null;
      int m0 = (1 << 30) + r.nextInt(1 << 30);
      int s0 = -r.nextInt(14) + (t % 7 == 0 ? 12 : 0);
      for (int u = 0; u < units; u++) {
        m[u] = perChannel ? (1 << 30) + r.nextInt(1 << 30) : m0;
        s[u] = perChannel ? -r.nextInt(14) : s0;
        if (bias != null) {
          bias[u] = r.nextInt(200001) - 100000;
        }
      }
      int[] range = t % 3 == 0 ? new int[] {-128, 127} : new int[] {-100, 90};
      int inZp = r.nextInt(256) - 128;
      int outZp = r.nextInt(256) - 128;
      Requant rq = new Requant(m, s, bias, inZp, outZp, range);
      byte[] out = new byte[batches * units];
      new FullyConnected.Int8Fc(batches, units, depth, in, filter, filterOffset, rq, out).eval();
      for (int b = 0; b < batches; b++) {
        for (int u = 0; u < units; u++) {
          int acc = 0;
          for (int d = 0; d < depth; d++) {
            acc += (filter[u * depth + d] + filterOffset) * (in[b * depth + d] - inZp);
          }
          if (bias != null) {
            acc += bias[u];
          }
          int v = QuantArith.multiplyByQuantizedMultiplier(acc, m[u], s[u]) + outZp;
          int want = Math.min(Math.max(v, range[0]), range[1]);
          assertThat(out[b * units + u]).as("case %d: %d batches, depth %d, units %d, batch %d unit"
              + " %d", t, batches, depth, units, b, u).isEqualTo((byte) want);
        }
      }
    }
  }
}
