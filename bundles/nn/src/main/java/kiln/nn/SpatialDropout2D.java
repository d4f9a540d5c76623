package kiln.nn;

import java.util.List;
import java.util.Map;

/**
 * Dropout of whole feature maps during training (Keras SpatialDropout2D: one keep/drop draw per
 * sample and channel, broadcast over height and width); the identity at inference.
 */
public final class SpatialDropout2D extends Layer {
  public SpatialDropout2D(Map<String, ?> kwargs) {
    super("SpatialDropout2D", kwargs);
  }

  public SpatialDropout2D(double rate) {
    this(Args.kw("rate", rate));
  }

  @Override
  public int[] outputShape(List<int[]> in) {
    return single(in, 3, "(height, width, channels)").clone();
  }
}
