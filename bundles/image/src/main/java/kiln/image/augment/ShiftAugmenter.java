package kiln.image.augment;

import java.util.Map;
import java.util.SplittableRandom;
import kiln.api.data.Augmenter;
import kiln.image.internal.Settings;
import org.osgi.service.component.annotations.Component;

/**
 * {@code width_shift_range} and {@code height_shift_range} share this shift: a value below 1 is a
 * fraction of the image size, 1 or more a number of pixels; the shift is uniform in +-value.
 */
abstract class ShiftAugmenter implements Augmenter {
  private final String setting;
  private final boolean columns;

  ShiftAugmenter(String setting, boolean columns) {
    this.setting = setting;
    this.columns = columns;
  }

  @Override
  public String description() {
    return setting + ": random shift (a fraction of the size, or pixels when >= 1)";
  }

  @Override
  public boolean enabled(Map<String, Object> settings) {
    return Settings.number(settings, setting, 0) > 0;
  }

  @Override
  public float[] apply(float[] x, int rate, Map<String, Object> settings, SplittableRandom random) {
    ImageShape s = ImageShape.of(settings);
    double v = Settings.number(settings, setting, 0);
    double max = v < 1 ? v * (columns ? s.width() : s.height()) : v;
    double d = max * (2 * random.nextDouble() - 1);
    return columns ? shift(x, s, 0, d, settings) : shift(x, s, d, 0, settings);
  }

  /** Output (r, c) reads input (r + rows, c + columns), as Keras' shift matrix. */
  public static float[] shift(float[] x, ImageShape s, double rows, double columns, Map<String, Object> settings) {
    return Affine.apply(x, s, new double[] {1, 0, 0, 1}, rows, columns, settings);
  }
}
