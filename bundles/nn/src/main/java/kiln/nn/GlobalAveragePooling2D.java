package kiln.nn;

import java.util.List;
import java.util.Map;

/** Mean over height and width: (h, w, c) to (c), or (1, 1, c) with keepdims. */
public final class GlobalAveragePooling2D extends Layer {
  public GlobalAveragePooling2D(Map<String, ?> kwargs) {
    super("GlobalAveragePooling2D", kwargs);
  }

  public GlobalAveragePooling2D() {
    this(Map.of());
  }

  @Override
  public int[] outputShape(List<int[]> in) {
    int[] s = single(in, 3, "(height, width, channels)");
    return getBool("keepdims") ? new int[] {1, 1, s[2]} : new int[] {s[2]};
  }
}
