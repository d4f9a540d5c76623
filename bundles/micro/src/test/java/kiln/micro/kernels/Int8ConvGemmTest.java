package kiln.micro.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import kiln.micro.graph.OpOptions;
import kiln.micro.reference.QuantArith;
import org.junit.jupiter.api.Test;

/**
 * The vectorized int8 conv equals the direct reference loop (skip taps over the edge, multiply,
 * requantize each element) byte for byte, on random geometries, including tiled runs, strides,
 * dilations, groups, tap counts that are not multiples of 4, and accumulators that overflow int32.
 */
class Int8ConvGemmTest {
  static Conv2D.Geometry geometry(Random r) {
    Conv2D.Geometry g = new Conv2D.Geometry();
    g.batches = 1 + r.nextInt(2);
    g.inH = 1 + r.nextInt(12);
    g.inW = 1 + r.nextInt(12);
    g.groups = r.nextInt(3) == 0 ? 2 + r.nextInt(3) : 1;
    g.fD = 1 + r.nextInt(g.groups == 1 ? 9 : 4);
    g.inD = g.fD * g.groups;
    g.filtersPerGroup = 1 + r.nextInt(g.groups == 1 ? 7 : 3);
    g.outD = g.filtersPerGroup * g.groups;
    g.fH = 1 + r.nextInt(4);
    g.fW = 1 + r.nextInt(4);
    g.strideH = 1 + r.nextInt(3);
    g.strideW = r.nextInt(3) == 0 ? g.strideH : 1 + r.nextInt(3);
    g.dilH = r.nextInt(4) == 0 ? 2 : 1;
    g.dilW = r.nextInt(4) == 0 ? 2 : 1;
    int padding = r.nextBoolean() ? OpOptions.SAME : OpOptions.VALID;
    if (padding == OpOptions.VALID) {
      g.inH = Math.max(g.inH, (g.fH - 1) * g.dilH + 1);
      g.inW = Math.max(g.inW, (g.fW - 1) * g.dilW + 1);
    }
    g.outH = Padding.outSize(padding, g.inH, g.fH, g.strideH, g.dilH);
    g.outW = Padding.outSize(padding, g.inW, g.fW, g.strideW, g.dilW);
    g.padH = Padding.before(g.strideH, g.dilH, g.inH, g.fH, g.outH);
    g.padW = Padding.before(g.strideW, g.dilW, g.inW, g.fW, g.outW);
    return g;
  }

  static byte[] reference(Conv2D.Geometry g, byte[] in, byte[] filter, Requant rq) {
    byte[] out = new byte[g.batches * g.outH * g.outW * g.outD];
    int o = 0;
    for (int b = 0; b < g.batches; b++) {
      for (int oy = 0; oy < g.outH; oy++) {
        for (int ox = 0; ox < g.outW; ox++) {
          for (int oc = 0; oc < g.outD; oc++) {
            int acc = rq.bias == null ? 0 : rq.bias[oc];
            for (int fy = 0; fy < g.fH; fy++) {
              int iy = oy * g.strideH - g.padH + fy * g.dilH;
              for (int fx = 0; fx < g.fW; fx++) {
                int ix = ox * g.strideW - g.padW + fx * g.dilW;
                if (iy < 0 || iy >= g.inH || ix < 0 || ix >= g.inW) {
                  continue;
                }
                int c0 = oc / g.filtersPerGroup * g.fD;
                for (int ic = 0; ic < g.fD; ic++) {
                  int x = in[((b * g.inH + iy) * g.inW + ix) * g.inD + c0 + ic]
                      - rq.inputZeroPoint;
                  acc += x * filter[((oc * g.fH + fy) * g.fW + fx) * g.fD + ic];
                }
              }
            }
            int v = QuantArith.multiplyByQuantizedMultiplier(acc, rq.multiplier[oc], rq.shift[oc])
                + rq.outputZeroPoint;
            out[o++] = (byte) Math.min(Math.max(v, rq.actMin), rq.actMax);
          }
        }
      }
    }
    return out;
  }

  @Test
  void randomGeometriesMatchTheReferenceLoop() {
    Random r = new Random(42);
    for (int t = 0; t < 1500; t++) {
      Conv2D.Geometry g = geometry(r);
      byte[] in = new byte[g.batches * g.inH * g.inW * g.inD];
      byte[] filter = new byte[g.outD * g.fH * g.fW * g.fD];
      r.nextBytes(in);
      r.nextBytes(filter);
      int[] m = new int[g.outD];
      int[] s = new int[g.outD];
      int[] bias = r.nextBoolean() ? new int[g.outD] : null;
      for (int c = 0; c < g.outD; c++) {
        m[c] = (1 << 30) + r.nextInt(1 << 30);
        s[c] = -r.nextInt(14) + (t % 7 == 0 ? 20 : 0); // large left shifts overflow int32
        if (bias != null) {
          bias[c] = r.nextInt(20001) - 10000;
        }
      }
      int[] range = t % 3 == 0 ? new int[] {-128, 127} : new int[] {-100, 90};
      Requant rq = new Requant(m, s, bias, r.nextInt(256) - 128, r.nextInt(256) - 128, range);
      byte[] want = reference(g, in, filter, rq);
      int budget = t % 2 == 0 ? Integer.MAX_VALUE : 1 + r.nextInt(200); // odd t: tiled
      byte[] out = new byte[want.length];
      new Int8ConvGemm(g, in, Int8ConvGemm.convWeights(g, filter), rq, out, budget).eval();
      String what = "case " + t + ": groups " + g.groups + " in " + g.batches + "x" + g.inH + "x" + g.inW + "x" + g.inD
          + " filter " + g.outD + "x" + g.fH + "x" + g.fW + " stride " + g.strideH + "x"
          + g.strideW + " dilation " + g.dilH + "x" + g.dilW + " pad " + g.padH + "," + g.padW;
      assertThat(out).as(what).containsExactly(want);
    }
  }

  /** Deep filters (up to 900 taps) of extreme weights and inputs: large sums stay exact. */
  @Test
  void deepExtremeFiltersAreSummedExactly() {
    Random r = new Random(7);
    for (int t = 0; t < 40; t++) {
      Conv2D.Geometry g = new Conv2D.Geometry();
      g.batches = 1;
      g.inH = 2 + r.nextInt(5);
      g.inW = 2 + r.nextInt(5);
      g.groups = 1;
      g.fD = 40 + r.nextInt(60);
      g.inD = g.fD;
      g.filtersPerGroup = 1 + r.nextInt(5);
      g.outD = g.filtersPerGroup;
      g.fH = 3;
      g.fW = 3;
      g.strideH = 1;
      g.strideW = 1;
      g.dilH = 1;
      g.dilW = 1;
      g.outH = Padding.outSize(OpOptions.SAME, g.inH, 3, 1, 1);
      g.outW = Padding.outSize(OpOptions.SAME, g.inW, 3, 1, 1);
      g.padH = Padding.before(1, 1, g.inH, 3, g.outH);
      g.padW = Padding.before(1, 1, g.inW, 3, g.outW);
      byte[] in = new byte[g.inH * g.inW * g.inD];
      byte[] filter = new byte[g.outD * 9 * g.fD];
      for (int i = 0; i < in.length; i++) {
        in[i] = (byte) (r.nextInt(8) == 0 ? r.nextInt(256) : t % 2 == 0 ? -128 : 127);
      }
      for (int i = 0; i < filter.length; i++) {
        filter[i] = (byte) (r.nextInt(8) == 0 ? r.nextInt(256) : t % 4 < 2 ? -128 : 127);
      }
      int[] m = new int[g.outD];
      int[] s = new int[g.outD];
      for (int c = 0; c < g.outD; c++) {
        m[c] = (1 << 30) + r.nextInt(1 << 30);
        s[c] = -16 - r.nextInt(8);
      }
      int inZp = t % 2 == 0 ? 127 : -128; // inputs minus zero point reach -255 or 255
      Requant rq = new Requant(m, s, null, inZp, 0, new int[] {-128, 127});
      int[][] w = Int8ConvGemm.convWeights(g, filter);
      byte[] want = reference(g, in, filter, rq);
      byte[] out = new byte[want.length];
      new Int8ConvGemm(g, in, w, rq, out).eval();
      assertThat(out).as("case %d: depth %d", t, g.fD).containsExactly(want);
    }
  }
}
