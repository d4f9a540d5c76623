package kiln.nn;

import java.util.List;
import java.util.Map;

/** Max pooling over (height, width); strides default to pool_size (the config always holds them). */
public final class MaxPooling2D extends Pooling2D {
  public MaxPooling2D(Map<String, ?> kwargs) {
    super("MaxPooling2D", kwargs);
  }

  public MaxPooling2D(int poolHeight, int poolWidth) {
    this(Args.kw("pool_size", List.of(poolHeight, poolWidth)));
  }

  public MaxPooling2D() {
    this(Map.of());
  }
}
