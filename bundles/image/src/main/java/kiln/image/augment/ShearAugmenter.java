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
    return shear(x, ImageShape.of(settings), range * (2 * random.nextDouble() - 1), settings);
  }

  /** Output (r, c) reads input (r - sin(t) (c - o_c), cos(t) (c - o_c)) about the centre o. */
  public static float[] shear(float[] x, ImageShape s, double degrees, Map<String, Object> settings) {
    double t = Math.toRadians(degrees);
    return Affine.apply(x, s, new double[] {1, -Math.sin(t), 0, Math.cos(t)}, 0, 0, settings);
  }
}
