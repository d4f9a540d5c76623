package kiln.nn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Max pooling over (height, width); strides default to pool_size (the config always holds them). */
public final class MaxPooling2D extends Layer {
  public MaxPooling2D(Map<String, ?> kwargs) {
    super("MaxPooling2D", kwargs);
  }

  public MaxPooling2D(int poolHeight, int poolWidth) {
    this(Args.kw("pool_size", List.of(poolHeight, poolWidth)));
  }

  public MaxPooling2D() {
    this(Map.of());
  }

  @Override
  public Map<String, Object> config() {
    Map<String, Object> c = new LinkedHashMap<>(super.config());
    c.putIfAbsent("strides", c.get("pool_size"));
    return java.util.Collections.unmodifiableMap(c);
  }

  @Override
  public int[] outputShape(List<int[]> in) {
    int[] s = single(in, 3, "(height, width, channels)");
    int[] k = getInts("pool_size");
    int[] st = get("strides") == null ? k : getInts("strides");
    String p = getString("padding");
    int h = ConvMath.outLength(s[0], k[0], st[0], 1, p);
    int w = ConvMath.outLength(s[1], k[1], st[1], 1, p);
    if (h <= 0 || w <= 0) {
      throw error("pool_size " + k[0] + "x" + k[1] + " does not fit the input " + s[0] + "x" + s[1] + " with padding 'valid'");
    }
    return new int[] {h, w, s[2]};
  }
}
