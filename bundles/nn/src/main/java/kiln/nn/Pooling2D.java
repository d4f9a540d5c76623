package kiln.nn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shared base of MaxPooling2D and AveragePooling2D (Keras' Pooling2D): the same arguments and shapes,
 * strides default to pool_size (the config always holds them).
 */
public abstract class Pooling2D extends Layer {
  Pooling2D(String className, Map<String, ?> kwargs) {
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
    int[] s = single(in, 3, "(height, width, channels)");
    int[] k = getInts("pool_size");
    int[] st = get("strides") == null ? k : getInts("strides");
    int[] hw = ConvMath.outputHW(this, s, k, st, new int[] {1, 1}, getString("padding"), "pool_size");
    return new int[] {hw[0], hw[1], s[2]};
  }
}
