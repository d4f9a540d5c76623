package kiln.nn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shared base of MaxPooling1D and AveragePooling1D (Keras' Pooling1D) over (steps, channels):
 * strides default to pool_size (the config always holds them).
 */
public abstract class Pooling1D extends Layer {
  Pooling1D(String className, Map<String, ?> kwargs) {
    super(className, kwargs);
  }

  @Override
  public Map<String, Object> config() {
    Map<String, Object> c = new LinkedHashMap<>(super.config());
    c.putIfAbsent("strides", c.get("pool_size"));
    return Collections.unmodifiableMap(c);
  }

  @Override
  public int[] outputShape(List<int[]> in) {
    int[] s = single(in, 2, "(steps, channels)");
    int k = getInts("pool_size")[0];
    int stride = get("strides") == null ? k : getInts("strides")[0];
    int n = ConvMath.outLength(s[0], k, stride, 1, getString("padding"));
    if (n <= 0) {
      throw error("pool_size " + k + " does not fit the input length " + s[0] + " with padding 'valid'");
    }
    return new int[] {n, s[1]};
  }
}
