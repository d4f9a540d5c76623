package kiln.image.augment;

import java.util.Map;
import java.util.SplittableRandom;
import kiln.api.data.Augmenter;
import kiln.image.internal.Settings;
import org.osgi.service.component.annotations.Component;

/** {@code shear_range}: shears by a uniform angle in +-range degrees (Keras' shear matrix). */
@Component(property = {"kiln.name=shear_range", "kiln.domain=image"})
public final class ShearAugmenter implements Augmenter {
  @Override
  public String description() {
    return "shear_range: random shear in degrees";
  }

  @Override
  public boolean enabled(Map<String, Object> settings) {
    return Settings.number(settings, "shear_range", 0) > 0;
  }

  @Override
  public float[] apply(float[] x, int rate, Map<String, Object> settings, SplittableRandom random) {
    double range = Settings.number(settings, "shear_range", 0);
    double t = Math.toRadians(range * (2 * random.nextDouble() - 1));
    return Affine.apply(x, ImageShape.of(settings), new double[] {1, -Math.sin(t), 0, Math.cos(t)}, 0, 0, settings);
  }
}
