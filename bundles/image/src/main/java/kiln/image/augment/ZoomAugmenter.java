package kiln.image.augment;

import java.util.Map;
import java.util.SplittableRandom;
import kiln.api.data.Augmenter;
import kiln.image.internal.Settings;
import org.osgi.service.component.annotations.Component;

/**
 * {@code zoom_range}: scales rows and columns by independent uniform factors in [1 - z, 1 + z] (or
 * in the range given as (low, high)); a factor above 1 shows more of the image (zooms out), as Keras.
 */
@Component(property = {"kiln.name=zoom_range", "kiln.domain=image"})
public final class ZoomAugmenter implements Augmenter {
  @Override
  public String description() {
    return "zoom_range: random zoom";
  }

  @Override
  public boolean enabled(Map<String, Object> settings) {
    double[] r = range(settings);
    return r[0] != 1 || r[1] != 1;
  }

  @Override
  public float[] apply(float[] x, int rate, Map<String, Object> settings, SplittableRandom random) {
    double[] r = range(settings);
    double zr = r[0] + (r[1] - r[0]) * random.nextDouble();
    double zc = r[0] + (r[1] - r[0]) * random.nextDouble();
    return Affine.apply(x, ImageShape.of(settings), new double[] {zr, 0, 0, zc}, 0, 0, settings);
  }

  private static double[] range(Map<String, Object> settings) {
    Object v = settings.get("zoom_range");
    if (v instanceof java.util.List<?>) {
      return Settings.range(settings, "zoom_range");
    }
    double z = Settings.number(settings, "zoom_range", 0);
    return new double[] {1 - z, 1 + z};
  }
}
