package kiln.profile;

import kiln.api.KilnException;
import kiln.api.model.LayerGraph;
import kiln.api.model.TensorData;
import kiln.api.model.WeightSpec;
import kiln.api.model.Weights;
import kiln.nn.GraphWeights;
import kiln.util.init.Initializer;

/**
 * Untrained weights for {@code --build}, the same for a seed every time (per-variable seeding as
 * the trainer's). Biases, batch-norm statistics and the like come from their Keras initializers.
 * Kernels do not: they are drawn He-uniform (variance 2 / fan-in, the fan-in of a depthwise kernel
 * being its window alone), so that activations keep their scale through deep layouts. With Keras'
 * glorot_uniform, whose depthwise fan counts every input channel, MobileNetV2's activations shrink
 * through its 52 convolutions until the SOFTMAX input scale is below what TensorFlow Lite Micro's
 * kernel accepts (1.9e-10 for keyword_spotting_mobilenetv2), and the build cannot be profiled. The
 * profile's figures (ops, MACs, memory, cycles) depend on shapes, not on these values.
 */
final class RandomWeights {
  private RandomWeights() {}

  static Weights of(LayerGraph graph, long seed) {
    Weights w = new Weights();
    for (WeightSpec spec : GraphWeights.of(graph)) {
      w.put(spec.name(), TensorData.ofFloat32(spec.shape(), values(spec, seed)));
    }
    return w;
  }

  private static float[] values(WeightSpec spec, long seed) {
    int[] shape = spec.shape();
    String variable = spec.name().substring(spec.name().lastIndexOf('/') + 1);
    if (variable.endsWith("kernel") && shape.length >= 2) {
      float[] v = Initializer.HE_UNIFORM.values(shape, seed, spec.name());
      if (variable.equals("depthwise_kernel") && shape.length == 4) {
        // he_uniform divided by Keras' fan (kh * kw * channels); each output sees kh * kw inputs
        float s = (float) Math.sqrt(shape[2]);
        for (int i = 0; i < v.length; i++) {
          v[i] *= s;
        }
      }
      return v;
    }
    try {
      return Initializer.named(spec.initializer()).values(shape, seed, spec.name());
    } catch (IllegalArgumentException e) {
      throw new KilnException("initializer of " + spec.name() + ": " + e.getMessage(), e);
    }
  }
}
