package kiln.micro.kernels;

import java.util.Arrays;
import kiln.micro.reference.QuantRows;

/**
 * The int8 CONV_2D and DEPTHWISE_CONV_2D kernel (any group count; depthwise is one input channel
 * per group), laid out so that HotSpot C2 (Java 17, no Vector API) vectorizes it:
 * <ul>
 *   <li>the input minus its zero point as int planes, one per channel and stride phase, so every
 *       filter tap reads contiguous runs even for strided convolutions;
 *   <li>patches as one int row per filter tap (im2col, transposed: row k holds tap k for every
 *       output pixel of a tile), filled by array copies;
 *   <li>per output channel an int accumulator row, updated four taps at a time.
 * </ul>
 * Every inner loop indexes its arrays with the loop variable alone (separate arrays, no invariant
 * offsets): C2's SuperWord only vectorizes a loop whose int stores and int loads it can compare,
 * and gives up on {@code a[i] += w * x[off + i]}. Four taps per pass is the widest statement it
 * still unrolls and vectorizes reliably (measured: about 20 G multiply-adds/s; wider or
 * multi-channel bodies were left scalar or vectorized only in some runs). The rows are then
 * scaled with {@link QuantRows} and clamped into the NHWC int8 output.
 *
 * <p>Integer sums are exact and wrap like C int32 addition in any order, so the outputs equal the
 * reference loop's bit for bit; taps over the edge hold 0 (= input zero point), as TFLite Micro
 * skips them.
 */
final class Int8ConvGemm implements Int8Eval {
  /** Patch rows of a tile hold at most this many ints (tiles are whole output rows). */
  private static final int MAX_PATCH_INTS = 1 << 18;
  /** Accumulator rows of a tile hold at most this many ints. */
  private static final int MAX_ACC_INTS = 1 << 20;

  private final Conv2D.Geometry g;
  private final byte[] in;
  private final byte[] out;
  private final int inOffset;
  private final int taps;
  private final int[][] w;
  private final int[] bias;
  private final Requant rq;
  private final int tileRows;
  private final boolean pointwise;
  private final boolean flatRows;
  /** Phase planes: columns ix = j * strideW + px, rows iy = i * strideH + py of each channel. */
  private final int[][][] planes;
  private final int phaseH;
  private final int phaseW;
  /** Pointwise only: the planes of each group's input channels (views, no copies). */
  private final int[][][] groupPlanes;
  private final int[][] patches;
  private final int[][] acc;
  /** Per filter column: first and end output column inside the input, input column of ox=0. */
  private final int[] oxLo;
  private final int[] oxHi;
  private final int[] colOffset;

  Int8ConvGemm(Conv2D.Geometry g, byte[] in, int[][] weights, Requant rq, byte[] out) {
    this(g, in, weights, rq, out, MAX_PATCH_INTS);
  }

  /**
   * weights[oc] holds output channel oc's taps in (fy, fx, ic) order over its group's fD input
   * channels; maxPatchInts bounds the patch rows (tests force tiling with a small one).
   */
  Int8ConvGemm(Conv2D.Geometry g, byte[] in, int[][] weights, Requant rq, byte[] out,
      int maxPatchInts) {
    this.g = g;
    this.in = in;
    this.out = out;
    this.rq = rq;
    this.inOffset = -rq.inputZeroPoint;
    this.bias = rq.bias;
    this.taps = g.fH * g.fW * g.fD;
    this.w = weights;
    int rows = Math.max(1, Math.min(g.outH, Math.min(maxPatchInts / Math.max(1, taps * g.outW),
        MAX_ACC_INTS / Math.max(1, g.outD * g.outW))));
    this.tileRows = rows;
    int tile = rows * g.outW;
    this.pointwise = g.fH == 1 && g.fW == 1 && g.strideH == 1 && g.strideW == 1
        && g.padH == 0 && g.padW == 0 && rows == g.outH;
    this.phaseH = (g.inH + g.strideH - 1) / g.strideH;
    this.phaseW = (g.inW + g.strideW - 1) / g.strideW;
    this.flatRows = phaseW == g.outW;
    this.planes = new int[g.inD][g.strideH * g.strideW][phaseH * phaseW];
    this.groupPlanes = new int[g.groups][g.fD][];
    for (int ic = 0; ic < g.inD; ic++) {
      groupPlanes[ic / g.fD][ic % g.fD] = planes[ic][0];
    }
    this.patches = pointwise ? null : new int[taps][tile];
    this.acc = new int[g.outD][tile];
    this.oxLo = new int[g.fW];
    this.oxHi = new int[g.fW];
    this.colOffset = new int[g.fW];
    for (int fx = 0; fx < g.fW; fx++) {
      int c0 = fx * g.dilW - g.padW;
      colOffset[fx] = c0;
      int lo = c0 >= 0 ? 0 : (-c0 + g.strideW - 1) / g.strideW;
      int hi = c0 > g.inW - 1 ? 0 : Math.min(g.outW, (g.inW - 1 - c0) / g.strideW + 1);
      oxLo[fx] = Math.min(lo, g.outW);
      oxHi[fx] = Math.max(hi, oxLo[fx]);
    }
  }

  /** CONV_2D's OHWI filter as one int row per output channel. */
  static int[][] convWeights(Conv2D.Geometry g, byte[] filter) {
    int taps = g.fH * g.fW * g.fD;
    int[][] w = new int[g.outD][taps];
    for (int oc = 0; oc < g.outD; oc++) {
      for (int k = 0; k < taps; k++) {
        w[oc][k] = filter[oc * taps + k];
      }
    }
    return w;
  }

  @Override
  public void eval() {
    final Conv2D.Geometry g = this.g;
    for (int b = 0; b < g.batches; b++) {
      toPlanes(b);
      for (int oy0 = 0; oy0 < g.outH; oy0 += tileRows) {
        int rows = Math.min(tileRows, g.outH - oy0);
        int n = rows * g.outW;
        for (int gr = 0; gr < g.groups; gr++) {
          int[][] x = pointwise ? groupPlanes[gr] : im2col(gr * g.fD, oy0, rows);
          multiply(x, n, gr * g.filtersPerGroup, (gr + 1) * g.filtersPerGroup);
        }
        store(((b * g.outH + oy0) * g.outW) * g.outD, n);
      }
    }
  }

  /**
   * planes[ic][py * strideW + px][(iy / strideH) * phaseW + ix / strideW] = input minus its zero
   * point, for iy % strideH == py and ix % strideW == px: with the stride folded into the phases,
   * every tap reads a contiguous run of one phase plane.
   */
  private void toPlanes(int b) {
    final int inD = g.inD;
    final int inW = g.inW;
    final int sH = g.strideH;
    final int sW = g.strideW;
    final int base = b * g.inH * inW * inD;
    final byte[] in = this.in;
    final int off = inOffset;
    if (sH == 1 && sW == 1) {
      final int pixels = g.inH * inW;
      for (int ic = 0; ic < inD; ic++) {
        int[] plane = planes[ic][0];
        for (int p = 0, s = base + ic; p < pixels; p++, s += inD) {
          plane[p] = in[s] + off;
        }
      }
      return;
    }
    for (int iy = 0; iy < g.inH; iy++) {
      int phaseRow = (iy % sH) * sW;
      int rowBase = (iy / sH) * phaseW;
      int src = base + iy * inW * inD;
      for (int ic = 0; ic < inD; ic++) {
        int[][] phases = planes[ic];
        if (sW == 2) { // both column phases in one pass over the row
          int[] even = phases[phaseRow];
          int[] odd = phases[phaseRow + 1];
          int pairs = inW / 2;
          int s = src + ic;
          for (int j = 0; j < pairs; j++, s += 2 * inD) {
            even[rowBase + j] = in[s] + off;
            odd[rowBase + j] = in[s + inD] + off;
          }
          if ((inW & 1) != 0) {
            even[rowBase + pairs] = in[s] + off;
          }
          continue;
        }
        for (int px = 0; px < sW && px < inW; px++) {
          int[] plane = phases[phaseRow + px];
          int count = (inW - px + sW - 1) / sW;
          for (int j = 0, s = src + px * inD + ic; j < count; j++, s += sW * inD) {
            plane[rowBase + j] = in[s] + off;
          }
        }
      }
    }
  }

  /**
   * Fills patches[k][r * outW + ox] for output rows oy0 .. oy0+rows-1 from the planes of input
   * channels c0 .. c0+fD-1 (one group).
   */
  private int[][] im2col(int c0, int oy0, int rows) {
    final Conv2D.Geometry g = this.g;
    final int outW = g.outW;
    for (int fy = 0; fy < g.fH; fy++) {
      int dy = fy * g.dilH - g.padH;
      int py = Math.floorMod(dy, g.strideH);
      int rowShift = Math.floorDiv(dy, g.strideH);
      // output rows whose input row (oy0 + r) * strideH + dy lies inside the input
      int rLo = Math.max(0, Math.floorDiv(-dy + g.strideH - 1, g.strideH) - oy0);
      int rHi = Math.min(rows, Math.floorDiv(g.inH - 1 - dy, g.strideH) + 1 - oy0);
      for (int fx = 0; fx < g.fW; fx++) {
        int lo = oxLo[fx];
        int hi = oxHi[fx];
        int cx = colOffset[fx];
        int phase = py * g.strideW + Math.floorMod(cx, g.strideW);
        int colShift = Math.floorDiv(cx, g.strideW);
        for (int ic = 0; ic < g.fD; ic++) {
          int[] row = patches[(fy * g.fW + fx) * g.fD + ic];
          int[] plane = planes[c0 + ic][phase];
          if (rLo >= rHi || lo >= hi) {
            Arrays.fill(row, 0, rows * outW, 0);
          } else if (flatRows) {
            copyFlat(row, plane, rows, rLo, rHi, (oy0 + rowShift) * outW + colShift, lo, hi);
          } else {
            Arrays.fill(row, 0, rLo * outW, 0);
            Arrays.fill(row, rHi * outW, rows * outW, 0);
            for (int r = rLo; r < rHi; r++) {
              int base = r * outW;
              Arrays.fill(row, base, base + lo, 0);
              Arrays.fill(row, base + hi, base + outW, 0);
              int src = (oy0 + r + rowShift) * phaseW + colShift;
              System.arraycopy(plane, src + lo, row, base + lo, hi - lo);
            }
          }
        }
      }
    }
    return patches;
  }

  /**
   * When a phase plane is exactly one output row wide, the tap's patch row is the plane shifted
   * by a constant (start), so one copy covers every valid output row; then the rows and columns
   * over the edge are zeroed.
   */
  private void copyFlat(int[] row, int[] plane, int rows, int rLo, int rHi, int start, int lo,
      int hi) {
    final int w = g.outW;
    int pLo = Math.max(rLo * w, -start);
    int pHi = Math.min(rHi * w, plane.length - start);
    Arrays.fill(row, 0, rLo * w, 0);
    System.arraycopy(plane, start + pLo, row, pLo, pHi - pLo);
    Arrays.fill(row, rHi * w, rows * w, 0);
    if (lo == 0 && hi == w) {
      return;
    }
    if (lo <= 1 && hi >= w - 1) { // the usual one-column padding: plain stores, no loops
      int left = lo == 1 ? 0 : -1;
      int right = hi == w - 1 ? w - 1 : -1;
      for (int r = rLo, base = rLo * w; r < rHi; r++, base += w) {
        if (left == 0) {
          row[base] = 0;
        }
        if (right >= 0) {
          row[base + right] = 0;
        }
      }
      return;
    }
    for (int r = rLo; r < rHi; r++) {
      int base = r * w;
      for (int ox = 0; ox < lo; ox++) {
        row[base + ox] = 0;
      }
      for (int ox = hi; ox < w; ox++) {
        row[base + ox] = 0;
      }
    }
  }

  /** acc[oc][p] = bias + sum_k w[oc][k] * x[k][p], then scaled to the output (unclamped). */
  private void multiply(int[][] x, int n, int ocStart, int ocEnd) {
    final int taps = this.taps;
    final int[][] acc = this.acc;
    final int[][] w = this.w;
    // taps outside, channels inside: the four patch rows stay in L1 while every channel's
    // accumulator row is updated (measured 5-50% faster than channel-major order)
    int k = 0;
    if (taps >= 4) { // the first four taps set the rows, so they need no clearing pass
      for (int oc = ocStart; oc < ocEnd; oc++) {
        int[] wr = w[oc];
        set4(acc[oc], n, bias == null ? 0 : bias[oc], x[0], wr[0], x[1], wr[1], x[2], wr[2], x[3],
            wr[3]);
      }
      k = 4;
    } else {
      for (int oc = ocStart; oc < ocEnd; oc++) {
        Arrays.fill(acc[oc], 0, n, bias == null ? 0 : bias[oc]);
      }
    }
    for (; k + 4 <= taps; k += 4) {
      int[] x0 = x[k];
      int[] x1 = x[k + 1];
      int[] x2 = x[k + 2];
      int[] x3 = x[k + 3];
      for (int oc = ocStart; oc < ocEnd; oc++) {
        int[] wr = w[oc];
        mac4(acc[oc], n, x0, wr[k], x1, wr[k + 1], x2, wr[k + 2], x3, wr[k + 3]);
      }
    }
    for (; k < taps; k++) {
      for (int oc = ocStart; oc < ocEnd; oc++) {
        mac1(acc[oc], n, x[k], w[oc][k]);
      }
    }
    QuantRows.scaleRows(acc, ocStart, ocEnd, n, rq.multiplier, rq.shift, rq.outputZeroPoint);
  }


  static void mac4(int[] a, int n, int[] x0, int w0, int[] x1, int w1, int[] x2, int w2,
      int[] x3, int w3) {
    for (int p = 0; p < n; p++) {
      a[p] += w0 * x0[p] + w1 * x1[p] + w2 * x2[p] + w3 * x3[p];
    }
  }

  static void set4(int[] a, int n, int b, int[] x0, int w0, int[] x1, int w1, int[] x2, int w2,
      int[] x3, int w3) {
    for (int p = 0; p < n; p++) {
      a[p] = b + w0 * x0[p] + w1 * x1[p] + w2 * x2[p] + w3 * x3[p];
    }
  }

  static void mac1(int[] a, int n, int[] x0, int w0) {
    for (int p = 0; p < n; p++) {
      a[p] += w0 * x0[p];
    }
  }

  /** Clamps the scaled rows to the activation range into the NHWC output from outBase on. */
  private void store(int outBase, int n) {
    final int outD = g.outD;
    final byte[] out = this.out;
    final int lo = rq.actMin;
    final int hi = rq.actMax;
    for (int oc = 0; oc < outD; oc++) {
      int[] a = acc[oc];
      for (int p = 0, o = outBase + oc; p < n; p++, o += outD) {
        out[o] = (byte) Math.min(Math.max(a[p], lo), hi);
      }
    }
  }
}
