package kiln.profile;

import kiln.api.KilnException;
import kiln.api.model.LayerGraph;
import kiln.api.model.TensorData;
import kiln.api.model.WeightSpec;
import kiln.api.model.Weights;
import kiln.nn.GraphWeights;
import kiln.util.init.Initializer;

/**
 * Untrained weights for {@code --build}: each variable drawn from its Keras initializer (the same
 * {@link Initializer}s and per-variable seeding the trainer starts from), so a seed always gives the
 * same model. The values only have to be plausible: profiling counts shapes, not values.
 */
final class RandomWeights {
  private RandomWeights() {}

  static Weights of(LayerGraph graph, long seed) {
    Weights w = new Weights();
    for (WeightSpec spec : GraphWeights.of(graph)) {
      Initializer init;
      try {
        init = Initializer.named(spec.initializer());
      } catch (IllegalArgumentException e) {
        throw new KilnException("initializer of " + spec.name() + ": " + e.getMessage(), e);
      }
      w.put(spec.name(), TensorData.ofFloat32(spec.shape(),
          init.values(spec.shape(), seed, spec.name())));
    }
    return w;
  }
}
