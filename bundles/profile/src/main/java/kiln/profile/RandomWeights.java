package kiln.profile;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import kiln.api.model.LayerGraph;
import kiln.api.model.TensorData;
import kiln.api.model.Weights;
import kiln.nn.GraphWeights;
import kiln.nn.WeightSpec;

/**
 * Untrained weights for {@code --build}: each variable drawn like its Keras initializer
 * (glorot/he/lecun scales from Keras' fan-in and fan-out; zeros, ones; BatchNormalization's gamma 1,
 * beta 0, moving mean 0, moving variance 1 come from their initializers). Seeded per variable name,
 * so a seed always gives the same model. The values only have to be plausible: profiling counts
 * shapes, not values.
 */
final class RandomWeights {
  private RandomWeights() {}

  static Weights of(LayerGraph graph, long seed) {
    Weights w = new Weights();
    for (WeightSpec spec : GraphWeights.of(graph)) {
      w.put(spec.name(), TensorData.ofFloat32(spec.shape(),
          values(spec.initializer(), spec.shape(), new SplittableRandom(seed ^ fnv(spec.name())))));
    }
    return w;
  }

  static float[] values(String initializer, int[] shape, SplittableRandom r) {
    float[] out = new float[(int) TensorData.elementCount(shape)];
    double[] fans = fans(shape);
    switch (initializer) {
      case "zeros" -> { }
      case "ones" -> Arrays.fill(out, 1f);
      case "glorot_normal" -> normal(out, r, Math.sqrt(2.0 / Math.max(1, fans[0] + fans[1])));
      case "he_uniform" -> uniform(out, r, Math.sqrt(6.0 / Math.max(1, fans[0])));
      case "he_normal" -> normal(out, r, Math.sqrt(2.0 / Math.max(1, fans[0])));
      case "lecun_uniform" -> uniform(out, r, Math.sqrt(3.0 / Math.max(1, fans[0])));
      case "lecun_normal" -> normal(out, r, Math.sqrt(1.0 / Math.max(1, fans[0])));
      case "random_uniform" -> uniform(out, r, 0.05);
      case "random_normal", "truncated_normal" -> normal(out, r, 0.05);
      // glorot_uniform, Keras' default, also for any name a newer layer may bring
      default -> uniform(out, r, Math.sqrt(6.0 / Math.max(1, fans[0] + fans[1])));
    }
    return out;
  }

  /** Keras' fan-in and fan-out: receptive field size times input / output channels. */
  static double[] fans(int[] shape) {
    if (shape.length == 0) {
      return new double[] {1, 1};
    }
    if (shape.length == 1) {
      return new double[] {shape[0], shape[0]};
    }
    double receptive = 1;
    for (int i = 0; i < shape.length - 2; i++) {
      receptive *= shape[i];
    }
    return new double[] {shape[shape.length - 2] * receptive, shape[shape.length - 1] * receptive};
  }

  private static void uniform(float[] out, SplittableRandom r, double limit) {
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) ((r.nextDouble() * 2 - 1) * limit);
    }
  }

  /** Normal cut at two standard deviations (Keras' *_normal initializers are truncated). */
  private static void normal(float[] out, SplittableRandom r, double stddev) {
    for (int i = 0; i < out.length; i++) {
      double v;
      do {
        v = Math.sqrt(-2 * Math.log(1.0 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
      } while (Math.abs(v) > 2);
      out[i] = (float) (v * stddev);
    }
  }

  private static long fnv(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
