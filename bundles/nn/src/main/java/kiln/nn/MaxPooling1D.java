package kiln.nn;

import java.util.Map;

/** Max pooling over steps of (steps, channels); strides default to pool_size. */
public final class MaxPooling1D extends Pooling1D {
  public MaxPooling1D(Map<String, ?> kwargs) {
    super("MaxPooling1D", kwargs);
  }

  public MaxPooling1D(int poolSize) {
    this(Args.kw("pool_size", poolSize));
  }

  public MaxPooling1D() {
    this(Map.of());
  }
}
