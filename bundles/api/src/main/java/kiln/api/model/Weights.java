package kiln.api.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's variables by name ({@code layer/kernel}, {@code layer/bias}, {@code bn/moving_mean}),
 * each a float32 tensor, in a stable order.
 */
public final class Weights {
  private final LinkedHashMap<String, TensorData> values = new LinkedHashMap<>();
  private boolean partial;

  public Weights put(String name, TensorData value) {
    if (value.type() != ElementType.FLOAT32) {
      throw new IllegalArgumentException(name + ": weights must be FLOAT32, got " + value.type());
    }
    values.put(name, value);
    return this;
  }

  public TensorData get(String name) {
    return values.get(name);
  }

  /** A read-only view, in insertion order. */
  public Map<String, TensorData> asMap() {
    return java.util.Collections.unmodifiableMap(values);
  }

  public int size() {
    return values.size();
  }

  /**
   * Marks these weights as a partial starting point (transfer learning, Keras' {@code load_weights(by_name=True,
   * skip_mismatch=True)}): a trainer given them as {@code TrainJob.initialWeights} initializes every variable
   * they do not name from its initializer. Unmarked initial weights (a checkpoint) must name every variable.
   */
  public Weights partial() {
    this.partial = true;
    return this;
  }

  /** Whether {@link #partial()} marked these weights. */
  public boolean isPartial() {
    return partial;
  }
}
