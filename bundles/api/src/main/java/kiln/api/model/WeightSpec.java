package kiln.api.model;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * One weight variable of a layer, as the layer graph describes it to a trainer or quantizer.
 *
 * @param name {@code kernel}, {@code bias}, ... inside a layer; {@code layer/kernel} in a graph
 * @param shape the Keras layout (Conv2D kernel [kh, kw, in, out], Dense [in, out], ...)
 * @param trainable false for BatchNormalization's moving statistics
 * @param initializer a Keras initializer name ({@code glorot_uniform}, {@code zeros}, ...)
 * @param regularizer {@code {l1|l2: factor}}, or null
 */
public record WeightSpec(
    String name, int[] shape, boolean trainable, String initializer, Map<String, Double> regularizer) {
  public WeightSpec {
    shape = shape.clone();
    regularizer = regularizer == null ? null : Map.copyOf(regularizer);
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

  /** The same variable named {@code layerName/name}. */
  public WeightSpec prefixed(String layerName) {
    return new WeightSpec(layerName + "/" + name, shape, trainable, initializer, regularizer);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WeightSpec w
        && w.name.equals(name)
        && Arrays.equals(w.shape, shape)
        && w.trainable == trainable
        && w.initializer.equals(initializer)
        && Objects.equals(w.regularizer, regularizer);
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
