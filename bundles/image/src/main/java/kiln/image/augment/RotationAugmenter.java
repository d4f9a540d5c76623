package kiln.image.augment;

import java.util.Map;
import java.util.SplittableRandom;
import kiln.api.data.Augmenter;
import kiln.image.internal.Settings;
import org.osgi.service.component.annotations.Component;

/** {@code rotation_range}: rotates by a uniform angle in +-range degrees (Keras' sign convention). */
@Component(property = {"kiln.name=rotation_range", "kiln.domain=image"})
public final class RotationAugmenter implements Augmenter {
  @Override
  public String description() {
    return "rotation_range: random rotation in degrees";
  }

  @Override
  public boolean enabled(Map<String, Object> settings) {
    return Settings.number(settings, "rotation_range", 0) > 0;
  }

  @Override
  public float[] apply(float[] x, int rate, Map<String, Object> settings, SplittableRandom random) {
    double range = Settings.number(settings, "rotation_range", 0);
    double deg = range * (2 * random.nextDouble() - 1);
    return rotate(x, ImageShape.of(settings), deg, settings);
  }

  /** The image rotated by {@code degrees}, with the settings' fill mode. */
  public static float[] rotate(float[] x, ImageShape s, double degrees, Map<String, Object> settings) {
    double t = Math.toRadians(degrees);
    return Affine.apply(x, s, new double[] {Math.cos(t), -Math.sin(t), Math.sin(t), Math.cos(t)}, 0, 0, settings);
  }
}
