package kiln.nn;

import java.util.List;
import java.util.Map;

/** Average pooling over (height, width); strides default to pool_size (the config always holds them). */
public final class AveragePooling2D extends Pooling2D {
  public AveragePooling2D(Map<String, ?> kwargs) {
    super("AveragePooling2D", kwargs);
  }

  public AveragePooling2D(int poolHeight, int poolWidth) {
    this(Args.kw("pool_size", List.of(poolHeight, poolWidth)));
  }

  public AveragePooling2D() {
    this(Map.of());
  }
}
