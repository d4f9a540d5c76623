package kiln.image.augment;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import kiln.api.KilnException;
import kiln.api.data.Augmenter;
import kiln.image.internal.Settings;
import org.osgi.service.component.annotations.Component;

/**
 * {@code noise}: adds one noise type, drawn from the listed ones, with scikit-image's
 * {@code random_noise} defaults on the image scaled to [0, 1]: {@code gauss} (variance 0.01),
 * {@code poisson} (counts of the 256 8-bit levels), {@code s&p} (5% of the values set to 0 or 1),
 * {@code speckle} (x + x * gauss, variance 0.01); the result is clipped and scaled back to 0..255.
 */
@Component(property = {"kiln.name=noise", "kiln.domain=image"})
public final class NoiseAugmenter implements Augmenter {
  static final List<String> TYPES = List.of("gauss", "poisson", "s&p", "speckle");

  @Override
  public String description() {
    return "noise: gauss, poisson, s&p or speckle noise";
  }

  @Override
  public boolean enabled(Map<String, Object> settings) {
    return !Settings.names(settings, "noise").isEmpty();
  }

  @Override
  public float[] apply(float[] x, int rate, Map<String, Object> settings, SplittableRandom random) {
    List<String> types = Settings.names(settings, "noise");
    for (String t : types) {
      if (!TYPES.contains(t)) {
        throw new KilnException("datagen setting noise: expected gauss, poisson, s&p or speckle, got '" + t + "'");
      }
    }
    return add(x, types.get(random.nextInt(types.size())), random);
  }

  /** {@code x} with noise of {@code type}. */
  public static float[] add(float[] x, String type, SplittableRandom random) {
    double sd = Math.sqrt(0.01);
    for (int i = 0; i < x.length; i++) {
      double v = x[i] / 255.0;
      switch (type) {
        case "gauss" -> v += sd * gaussian(random);
        case "speckle" -> v += v * sd * gaussian(random);
        case "poisson" -> v = poisson(v * 255, random) / 255.0;
        default -> {
          if (random.nextDouble() < 0.05) {
            v = random.nextBoolean() ? 1 : 0;
          }
        }
      }
      x[i] = (float) (Math.max(0, Math.min(1, v)) * 255);
    }
    return x;
  }

  private static double gaussian(SplittableRandom r) {
    // Box-Muller: SplittableRandom has no nextGaussian in Java 17
    double u = 1 - r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  private static double poisson(double lambda, SplittableRandom r) {
    if (lambda > 30) {
      return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gaussian(r)));
    }
    double limit = Math.exp(-lambda);
    double p = 1;
    int k = 0;
    do {
      k++;
      p *= r.nextDouble();
    } while (p > limit);
    return k - 1;
  }
}
