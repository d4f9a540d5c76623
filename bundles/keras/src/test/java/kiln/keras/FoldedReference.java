package kiln.keras;

import kiln.api.KilnException;
import kiln.api.model.LayerGraph;
import kiln.api.model.LayerNode;
import kiln.api.model.TensorData;
import kiln.api.model.Weights;

/**
 * The float weights and biases a converter quantizes, recomputed in double precision from the
 * .h5's weights, independently of Kiln's quantizer: a BatchNormalization after the layer folded in
 * (kernel x gamma / sqrt(variance + epsilon); bias (bias - mean) x that + beta), laid out as TFLite
 * stores them (CONV_2D OHWI, DEPTHWISE_CONV_2D 1HW(in x multiplier), FULLY_CONNECTED [units, in]).
 *
 * @param weights the folded kernel, TFLite layout
 * @param bias the folded bias, one per output channel
 */
record FoldedReference(double[] weights, double[] bias) {
  static FoldedReference of(LayerGraph g, Weights w, LayerNode layer) {
    TensorData kernel = w.get(layer.name() + "/kernel") != null ? w.get(layer.name() + "/kernel")
        : w.get(layer.name() + "/depthwise_kernel");
    int[] s = kernel.shape();
    float[] k = kernel.toFloats();
    int out = switch (layer.type()) {
      case "Conv2D", "Dense" -> s[s.length - 1];
      case "DepthwiseConv2D" -> s[2] * s[3];
      default -> throw new KilnException("no reference for " + layer.type());
    };
    double[] mult = new double[out];
    double[] bias = new double[out];
    TensorData b = w.get(layer.name() + "/bias");
    for (int c = 0; c < out; c++) {
      mult[c] = 1;
      bias[c] = b == null ? 0 : b.toFloats()[c];
    }
    LayerNode bn = next(g, layer);
    if (bn != null && bn.type().equals("BatchNormalization")) {
      double eps = ((Number) bn.config().get("epsilon")).doubleValue();
      float[] gamma = w.get(bn.name() + "/gamma").toFloats();
      float[] beta = w.get(bn.name() + "/beta").toFloats();
      float[] mean = w.get(bn.name() + "/moving_mean").toFloats();
      float[] var = w.get(bn.name() + "/moving_variance").toFloats();
      for (int c = 0; c < out; c++) {
        mult[c] = gamma[c] / Math.sqrt(var[c] + eps);
        bias[c] = (bias[c] - mean[c]) * mult[c] + beta[c];
      }
    }
    double[] q = new double[k.length];
    switch (layer.type()) {
      case "Conv2D" -> { // [kh, kw, in, out] -> [out, kh, kw, in]
        int kh = s[0], kw = s[1], in = s[2];
        for (int y = 0; y < kh; y++) {
          for (int x = 0; x < kw; x++) {
            for (int i = 0; i < in; i++) {
              for (int o = 0; o < out; o++) {
                q[((o * kh + y) * kw + x) * in + i] = k[((y * kw + x) * in + i) * out + o] * mult[o];
              }
            }
          }
        }
      }
      case "DepthwiseConv2D" -> { // [kh, kw, in, m] -> [1, kh, kw, in * m]: same order
        for (int j = 0; j < k.length; j++) {
          q[j] = k[j] * mult[j % out];
        }
      }
      default -> { // Dense [in, units] -> [units, in]
        int in = s[0];
        for (int i = 0; i < in; i++) {
          for (int u = 0; u < out; u++) {
            q[u * in + i] = k[i * out + u] * mult[u];
          }
        }
      }
    }
    return new FoldedReference(q, bias);
  }

  /** The one layer that reads {@code layer}, or null. */
  private static LayerNode next(LayerGraph g, LayerNode layer) {
    LayerNode found = null;
    for (LayerNode n : g.layers()) {
      if (n.inputs().contains(layer.name())) {
        if (found != null) {
          return null;
        }
        found = n;
      }
    }
    return found;
  }
}
