package kiln.nn;

import java.util.List;
import java.util.Map;

/** Repeats rows and columns by size (nearest) or interpolates (bilinear). */
public final class UpSampling2D extends Layer {
  public UpSampling2D(Map<String, ?> kwargs) {
    super("UpSampling2D", kwargs);
  }

  public UpSampling2D(int sizeHeight, int sizeWidth) {
    this(Args.kw("size", List.of(sizeHeight, sizeWidth)));
  }

  @Override
  public int[] outputShape(List<int[]> in) {
    int[] s = single(in, 3, "(height, width, channels)");
    int[] k = getInts("size");
    return new int[] {s[0] * k[0], s[1] * k[1], s[2]};
  }
}
