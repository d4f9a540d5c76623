package kiln.image.augment;

import java.util.Map;
import java.util.SplittableRandom;
import kiln.api.data.Augmenter;
import kiln.image.internal.Settings;
import org.osgi.service.component.annotations.Component;

/** {@code horizontal_flip} and {@code vertical_flip} share this: mirror with probability 1/2. */
abstract class FlipAugmenter implements Augmenter {
  private final String setting;
  private final boolean columns;

  FlipAugmenter(String setting, boolean columns) {
    this.setting = setting;
    this.columns = columns;
  }

  @Override
  public String description() {
    return setting + ": mirror half of the images";
  }

  @Override
  public boolean enabled(Map<String, Object> settings) {
    return Settings.flag(settings, setting, false);
  }

  @Override
  public float[] apply(float[] x, int rate, Map<String, Object> settings, SplittableRandom random) {
    return random.nextBoolean() ? flip(x, ImageShape.of(settings), columns) : x;
  }

  /** The image mirrored left-right ({@code columns}) or top-bottom. */
  public static float[] flip(float[] x, ImageShape s, boolean columns) {
    int h = s.height();
    int w = s.width();
    int ch = s.channels();
    float[] out = new float[x.length];
    for (int r = 0; r < h; r++) {
      for (int c = 0; c < w; c++) {
        int from = columns ? (r * w + (w - 1 - c)) * ch : ((h - 1 - r) * w + c) * ch;
        System.arraycopy(x, from, out, (r * w + c) * ch, ch);
      }
    }
    return out;
  }
}
