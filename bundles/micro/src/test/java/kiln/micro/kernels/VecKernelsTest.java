package kiln.micro.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import kiln.micro.graph.OpOptions;
import kiln.micro.reference.QuantArith;
import org.junit.jupiter.api.Test;

/**
 * The Vector API kernels (surefire runs with the module) equal the direct reference loops of
 * {@link Int8ConvGemmTest} and the scalar kernels byte for byte on random shapes: output channel
 * counts around the vector length and its multiples (every register block and partial vectors),
 * fewer pixels than a block, strides, dilations, paddings, depth multipliers, batches, positive
 * and negative shifts. TFLite 2.20 checks the same kernels in DifferentialTest and RealModelsTest,
 * which the build also runs with {@code -Dkiln.micro.vector=false} for the scalar ones.
 */
class VecKernelsTest {
  @Test
  void theVectorModuleIsPresentInTheseTests() {
    assertThat(VectorSupport.available()).isTrue();
  }

  private static Requant requant(Random r, int channels, int t) {
    int[] m = new int[channels];
    int[] s = new int[channels];
    int[] bias = r.nextBoolean() ? new int[channels] : null;
    for (int c = 0; c < channels; c++) {
      m[c] = (1 << 30) + r.nextInt(1 << 30);
      s[c] = -r.nextInt(14) + (t % 7 == 0 ? 20 : 0); // large left shifts overflow int32
      if (bias != null) {
        bias[c] = r.nextInt(20001) - 10000;
      }
    }
    int[] range = t % 3 == 0 ? new int[] {-128, 127} : new int[] {-100, 90};
    return new Requant(m, s, bias, r.nextInt(256) - 128, r.nextInt(256) - 128, range);
  }

  private static String describe(int t, Conv2D.Geometry g) {
    return "case " + t + ": in " + g.batches + "x" + g.inH + "x" + g.inW + "x" + g.inD
        + " filter " + g.outD + "x" + g.fH + "x" + g.fW + " stride " + g.strideH + "x"
        + g.strideW + " dilation " + g.dilH + "x" + g.dilW + " pad " + g.padH + "," + g.padW;
  }

  @Test
  void convEqualsTheReferenceLoop() {
    Random r = new Random(1205);
    for (int t = 0; t < 600; t++) {
      Conv2D.Geometry g;
      do {
        g = Int8ConvGemmTest.geometry(r);
      } while (g.groups != 1);
      g.outD = 1 + r.nextInt(t % 2 == 0 ? 20 : 80);
      g.filtersPerGroup = g.outD;
      byte[] in = new byte[g.batches * g.inH * g.inW * g.inD];
      byte[] filter = new byte[g.outD * g.fH * g.fW * g.fD];
      r.nextBytes(in);
      r.nextBytes(filter);
      Requant rq = requant(r, g.outD, t);
      byte[] want = Int8ConvGemmTest.reference(g, in, filter, rq);
      byte[] out = new byte[want.length];
      VecConv.conv(g, in, filter, rq, out).eval();
      assertThat(out).as(describe(t, g)).containsExactly(want);
    }
  }

  @Test
  void depthwiseEqualsTheReferenceLoop() {
    Random r = new Random(1206);
    for (int t = 0; t < 400; t++) {
      DepthwiseConv2D.Geometry d = new DepthwiseConv2D.Geometry();
      d.batches = 1 + r.nextInt(2);
      d.inD = 1 + r.nextInt(t % 2 == 0 ? 8 : 40);
      d.mult = r.nextInt(3) == 0 ? 1 + r.nextInt(3) : 1;
      d.outD = d.inD * d.mult;
      d.fH = 1 + r.nextInt(4);
      d.fW = 1 + r.nextInt(4);
      d.strideH = 1 + r.nextInt(3);
      d.strideW = 1 + r.nextInt(3);
      d.dilH = r.nextInt(4) == 0 ? 2 : 1;
      d.dilW = r.nextInt(4) == 0 ? 2 : 1;
      int padding = r.nextBoolean() ? OpOptions.SAME : OpOptions.VALID;
      d.inH = Math.max(1 + r.nextInt(12), (d.fH - 1) * d.dilH + 1);
      d.inW = Math.max(1 + r.nextInt(12), (d.fW - 1) * d.dilW + 1);
      d.outH = Padding.outSize(padding, d.inH, d.fH, d.strideH, d.dilH);
      d.outW = Padding.outSize(padding, d.inW, d.fW, d.strideW, d.dilW);
      d.padH = Padding.before(d.strideH, d.dilH, d.inH, d.fH, d.outH);
      d.padW = Padding.before(d.strideW, d.dilW, d.inW, d.fW, d.outW);
      byte[] in = new byte[d.batches * d.inH * d.inW * d.inD];
      byte[] filter = new byte[d.fH * d.fW * d.outD]; // [1, H, W, C * M]
      r.nextBytes(in);
      r.nextBytes(filter);
      Requant rq = requant(r, d.outD, t);
      // the same operation as a grouped convolution (OHWI filter, one input channel per group)
      Conv2D.Geometry g = new Conv2D.Geometry();
      g.batches = d.batches;
      g.inH = d.inH;
      g.inW = d.inW;
      g.inD = d.inD;
      g.outH = d.outH;
      g.outW = d.outW;
      g.outD = d.outD;
      g.fH = d.fH;
      g.fW = d.fW;
      g.fD = 1;
      g.groups = d.inD;
      g.filtersPerGroup = d.mult;
      g.strideH = d.strideH;
      g.strideW = d.strideW;
      g.dilH = d.dilH;
      g.dilW = d.dilW;
      g.padH = d.padH;
      g.padW = d.padW;
      byte[] ohwi = new byte[filter.length];
      for (int f = 0; f < d.fH * d.fW; f++) {
        for (int c = 0; c < d.outD; c++) {
          ohwi[c * d.fH * d.fW + f] = filter[f * d.outD + c];
        }
      }
      byte[] want = Int8ConvGemmTest.reference(g, in, ohwi, rq);
      byte[] out = new byte[want.length];
      new VecDepthwise(d, in, filter, rq, out).eval();
      assertThat(out).as("depthwise " + describe(t, g) + " multiplier " + d.mult)
          .containsExactly(want);
    }
  }

  @Test
  void fullyConnectedEqualsTheReferenceLoop() {
    Random r = new Random(1207);
    for (int t = 0; t < 300; t++) {
      int batches = 1 + r.nextInt(t % 2 == 0 ? 3 : 9);
      int depth = 1 + r.nextInt(200);
      int units = 1 + r.nextInt(t % 3 == 0 ? 20 : 150);
      byte[] in = new byte[batches * depth];
      byte[] filter = new byte[units * depth];
      r.nextBytes(in);
      r.nextBytes(filter);
      int filterOffset = r.nextBoolean() ? 0 : r.nextInt(256) - 128;
      Requant rq = requant(r, units, t);
      byte[] out = new byte[batches * units];
      VecConv.fullyConnected(batches, units, depth, in, filter, filterOffset, rq, out).eval();
      for (int b = 0; b < batches; b++) {
        for (int u = 0; u < units; u++) {
          int acc = rq.bias == null ? 0 : rq.bias[u];
          for (int k = 0; k < depth; k++) {
            acc += (filter[u * depth + k] + filterOffset) * (in[b * depth + k] - rq.inputZeroPoint);
          }
          int v = QuantArith.multiplyByQuantizedMultiplier(acc, rq.multiplier[u], rq.shift[u])
              + rq.outputZeroPoint;
          assertThat(out[b * units + u]).as("case %d: batch %d unit %d of %d, depth %d", t, b, u,
              units, depth).isEqualTo((byte) Math.min(Math.max(v, rq.actMin), rq.actMax));
        }
      }
    }
  }

  @Test
  void averagePoolEqualsTheScalarKernel() {
    Random r = new Random(1208);
    for (int t = 0; t < 400; t++) {
      Pool2D.Geometry g = new Pool2D.Geometry();
      g.batches = 1 + r.nextInt(2);
      g.depth = 1 + r.nextInt(40);
      g.fH = 1 + r.nextInt(4);
      g.fW = 1 + r.nextInt(4);
      g.strideH = 1 + r.nextInt(3);
      g.strideW = 1 + r.nextInt(3);
      int padding = r.nextBoolean() ? OpOptions.SAME : OpOptions.VALID;
      g.inH = Math.max(1 + r.nextInt(10), g.fH);
      g.inW = Math.max(1 + r.nextInt(10), g.fW);
      g.outH = Padding.outSize(padding, g.inH, g.fH, g.strideH, 1);
      g.outW = Padding.outSize(padding, g.inW, g.fW, g.strideW, 1);
      g.padH = Padding.before(g.strideH, 1, g.inH, g.fH, g.outH);
      g.padW = Padding.before(g.strideW, 1, g.inW, g.fW, g.outW);
      byte[] in = new byte[g.batches * g.inH * g.inW * g.depth];
      for (int i = 0; i < in.length; i++) { // mostly extreme values: sums far from zero
        in[i] = (byte) (r.nextInt(3) == 0 ? r.nextInt(256) : t % 2 == 0 ? -128 : 127);
      }
      int min = t % 3 == 0 ? -128 : -100;
      int max = t % 3 == 0 ? 127 : 90;
      byte[] want = new byte[g.batches * g.outH * g.outW * g.depth];
      byte[] out = new byte[want.length];
      boolean was = VectorSupport.enabled();
      try {
        VectorSupport.setEnabled(false);
        new Pool2D.Int8Pool(g, true, in, want, min, max).eval();
      } finally {
        VectorSupport.setEnabled(was);
      }
      new VecAvgPool(g, in, out, min, max).eval();
      assertThat(out).as("case %d: %dx%dx%d window %dx%d stride %dx%d pad %d,%d", t, g.inH,
          g.inW, g.depth, g.fH, g.fW, g.strideH, g.strideW, g.padH, g.padW).containsExactly(want);
    }
  }
}
