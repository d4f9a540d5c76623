package kiln.image.augment;

import java.util.Map;
import java.util.SplittableRandom;
import kiln.api.data.Augmenter;
import kiln.image.internal.Settings;
import org.osgi.service.component.annotations.Component;

/**
 * {@code contrast_range}: scales each channel's distance from its mean by a uniform factor in
 * (low, high), clipped to 0..255.
 */
@Component(property = {"kiln.name=contrast_range", "kiln.domain=image"})
public final class ContrastAugmenter implements Augmenter {
  @Override
  public String description() {
    return "contrast_range: random contrast factor";
  }

  @Override
  public boolean enabled(Map<String, Object> settings) {
    return Settings.range(settings, "contrast_range") != null;
  }

  @Override
  public float[] apply(float[] x, int rate, Map<String, Object> settings, SplittableRandom random) {
    double[] r = Settings.range(settings, "contrast_range");
    double f = r[0] + (r[1] - r[0]) * random.nextDouble();
    int ch = ImageShape.of(settings).channels();
    for (int k = 0; k < ch; k++) {
      double mean = 0;
      for (int i = k; i < x.length; i += ch) {
        mean += x[i];
      }
      mean /= x.length / ch;
      for (int i = k; i < x.length; i += ch) {
        x[i] = (float) Math.max(0, Math.min(255, (x[i] - mean) * f + mean));
      }
    }
    return x;
  }
}
