package kiln.nn;

import java.util.List;
import java.util.Map;

/** Pads height and width with zeros; config padding is ((top, bottom), (left, right)). */
public final class ZeroPadding2D extends Layer {
  public ZeroPadding2D(Map<String, ?> kwargs) {
    super("ZeroPadding2D", kwargs);
  }

  public ZeroPadding2D(int padding) {
    this(Args.kw("padding", padding));
  }

  @Override
  @SuppressWarnings("unchecked")
  public int[] outputShape(List<int[]> in) {
    int[] s = single(in, 3, "(height, width, channels)");
    List<List<Integer>> p = (List<List<Integer>>) get("padding");
    return new int[] {s[0] + p.get(0).get(0) + p.get(0).get(1), s[1] + p.get(1).get(0) + p.get(1).get(1), s[2]};
  }
}
