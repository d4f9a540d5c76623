package kiln.nn;

import java.util.Map;

/** Average pooling over steps of (steps, channels); strides default to pool_size. */
public final class AveragePooling1D extends Pooling1D {
  public AveragePooling1D(Map<String, ?> kwargs) {
    super("AveragePooling1D", kwargs);
  }

  public AveragePooling1D(int poolSize) {
    this(Args.kw("pool_size", poolSize));
  }

  public AveragePooling1D() {
    this(Map.of());
  }
}
