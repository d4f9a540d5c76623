package kiln.nn;

import java.util.Arrays;
import java.util.Map;

/**
 * One weight variable of a layer.
 *
 * @param name the name: {@code kernel}, {@code bias}, ... inside a layer; {@code layer/kernel} in a
 *     graph ({@link GraphWeights})
 * @param shape the Keras layout (Conv2D kernel [kh, kw, in, out], Dense [in, out], ...)
 * @param trainable false for BatchNormalization's moving statistics
 * @param initializer an {@link Initializers} name
 * @param regularizer {@code {l1|l2: factor}}, or null
 */
public record WeightSpec(
    String name, int[] shape, boolean trainable, String initializer, Map<String, Double> regularizer) {
  public WeightSpec {
    shape = shape.clone();
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  /** Number of scalars. */
  public long size() {
    long p = 1;
    for (int d : shape) {
      p *= d;
    }
    return p;
  }

  WeightSpec prefixed(String layerName) {
    return new WeightSpec(layerName + "/" + name, shape, trainable, initializer, regularizer);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WeightSpec w
        && w.name.equals(name)
        && Arrays.equals(w.shape, shape)
        && w.trainable == trainable
        && w.initializer.equals(initializer)
        && java.util.Objects.equals(w.regularizer, regularizer);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return name + Arrays.toString(shape) + (trainable ? "" : " (non-trainable)");
  }
}
