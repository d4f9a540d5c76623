package kiln.quantize.internal;

import kiln.quantize.internal.Ir.Kind;
import kiln.quantize.internal.Ir.Op;

/**
 * Per-tensor int8 scale and zero point of every activation: from the calibrated range, except the
 * fixed outputs TFLite requires (SOFTMAX and LOGISTIC 1/256, -128; TANH 1/128, 0) and tensors that
 * must share their quantization (RESHAPE, pooling, PAD, RESIZE, STRIDED_SLICE and CONCATENATION inputs and
 * outputs; an LSTM's hidden state and output), which get one range: the union of theirs. An LSTM's
 * int16 cell state gets a power-of-two scale ({@link #cellScale}).
 */
final class ActivationParams {
  final float[] scale;
  final int[] zeroPoint;

  private ActivationParams(int n) {
    scale = new float[n];
    zeroPoint = new int[n];
  }

  static ActivationParams of(Ir ir, float[][] ranges) {
    int n = ir.tensors.size();
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    float[][] fixed = new float[n][];
    for (Op op : ir.ops) {
      switch (op.op) {
        case SOFTMAX, LOGISTIC -> fixed[op.outputs[0]] = new float[] {1f / 256, -128};
        case TANH -> fixed[op.outputs[0]] = new float[] {1f / 128, 0};
        case RESHAPE, MAX_POOL_2D, AVERAGE_POOL_2D, PAD, RESIZE_NEAREST_NEIGHBOR, RESIZE_BILINEAR, STRIDED_SLICE ->
            union(parent, op.inputs[0], op.outputs[0]);
        // TFLite Micro copies the hidden state to the output unrequantized: one quantization
        case UNIDIRECTIONAL_SEQUENCE_LSTM -> union(parent, op.inputs[18], op.outputs[0]);
        case CONCATENATION -> {
          for (int in : op.inputs) {
            union(parent, in, op.outputs[0]);
          }
        }
        default -> {}
      }
    }
    // per group: a fixed member decides, otherwise the union of the members' ranges
    float[][] groupRange = new float[n][];
    float[][] groupFixed = new float[n][];
    for (int i = 0; i < n; i++) {
      if (ir.t(i).kind != Kind.ACTIVATION) {
        continue;
      }
      int root = find(parent, i);
      if (fixed[i] != null) {
        groupFixed[root] = fixed[i];
      }
      float[] r = ranges[i];
      if (r != null && r[0] <= r[1]) {
        float[] g = groupRange[root];
        groupRange[root] = g == null ? r.clone() : new float[] {Math.min(g[0], r[0]), Math.max(g[1], r[1])};
      }
    }
    ActivationParams p = new ActivationParams(n);
    for (int i = 0; i < n; i++) {
      if (ir.t(i).kind == Kind.STATE && ir.t(i).cell) {
        p.scale[i] = cellScale(ranges[i]);
        continue;
      }
      if (ir.t(i).kind != Kind.ACTIVATION && ir.t(i).kind != Kind.STATE) {
        continue;
      }
      int root = find(parent, i);
      if (groupFixed[root] != null) {
        p.scale[i] = groupFixed[root][0];
        p.zeroPoint[i] = (int) groupFixed[root][1];
      } else {
        float[] r = groupRange[root] == null ? new float[] {0f, 0f} : groupRange[root];
        float[] sz = asymmetric(r[0], r[1]);
        p.scale[i] = sz[0];
        p.zeroPoint[i] = (int) sz[1];
      }
    }
    return p;
  }

  /**
   * An LSTM's int16 cell state scale: the smallest power of two over 32768 whose range holds the
   * calibrated cell values (TFLite Micro's int8 kernel takes the cell scale's log2 as an integer),
   * from 2^-15 (a range of 1) to 2^-9 (a range of 64, the largest TFLite's integer kernel accepts;
   * tanh of a larger cell is 1 anyway).
   */
  static float cellScale(float[] r) {
    double max = r == null || r[0] > r[1] ? 0 : Math.max(Math.abs(r[0]), Math.abs(r[1]));
    int power = max <= 1 ? 0 : Math.min(6, (int) Math.ceil(Math.log(max) / Math.log(2) - 1e-9));
    return (float) Math.scalb(1.0, power - 15);
  }

  /**
   * TFLite's asymmetric int8 parameters for a range: the range is widened to hold 0, scale =
   * (max - min) / 255, zero point = -128 - min / scale rounded and clamped to [-128, 127].
   */
  static float[] asymmetric(float min, float max) {
    double lo = Math.min(min, 0.0);
    double hi = Math.max(max, 0.0);
    if (hi - lo < 1e-12) {
      return new float[] {1f, -128}; // a constant zero tensor: any scale represents it exactly
    }
    double scale = (hi - lo) / 255.0;
    double zpFromMin = -128 - lo / scale;
    long zp = zpFromMin < -128 ? -128 : zpFromMin > 127 ? 127 : Math.round(zpFromMin);
    return new float[] {(float) scale, zp};
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static void union(int[] parent, int a, int b) {
    int ra = find(parent, a);
    int rb = find(parent, b);
    if (ra != rb) {
      parent[ra] = rb;
    }
  }
}
