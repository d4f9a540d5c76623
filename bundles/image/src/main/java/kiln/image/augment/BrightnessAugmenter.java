package kiln.image.augment;

import java.util.Map;
import java.util.SplittableRandom;
import kiln.api.data.Augmenter;
import kiln.image.internal.Settings;
import org.osgi.service.component.annotations.Component;

/**
 * {@code brightness_range}: multiplies every pixel by a uniform factor in (low, high), clipped to
 * 0..255 (PIL's {@code ImageEnhance.Brightness}, which Keras uses).
 */
@Component(property = {"kiln.name=brightness_range", "kiln.domain=image"})
public final class BrightnessAugmenter implements Augmenter {
  @Override
  public String description() {
    return "brightness_range: random brightness factor";
  }

  @Override
  public boolean enabled(Map<String, Object> settings) {
    return Settings.range(settings, "brightness_range") != null;
  }

  @Override
  public float[] apply(float[] x, int rate, Map<String, Object> settings, SplittableRandom random) {
    double[] r = Settings.range(settings, "brightness_range");
    return brighten(x, r[0] + (r[1] - r[0]) * random.nextDouble());
  }

  /** Every pixel times {@code factor}, clipped to 0..255. */
  public static float[] brighten(float[] x, double factor) {
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.max(0, Math.min(255, x[i] * factor));
    }
    return x;
  }
}
