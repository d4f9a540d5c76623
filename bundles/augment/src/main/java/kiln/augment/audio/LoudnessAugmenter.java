package kiln.augment.audio;

import java.util.Map;
import java.util.SplittableRandom;
import kiln.api.data.Augmenter;
import kiln.augment.SettingValues;
import org.osgi.service.component.annotations.Component;

/** {@code loudness_range}: multiplies the clip by a factor drawn uniformly from the range. */
@Component(property = {"kiln.name=" + LoudnessAugmenter.NAME, "kiln.domain=audio"})
public final class LoudnessAugmenter implements Augmenter {
  public static final String NAME = "loudness_range";

  @Override
  public String description() {
    return "scales the volume by a random factor (< 1 quieter, > 1 louder)";
  }

  @Override
  public boolean enabled(Map<String, Object> settings) {
    return SettingValues.isSet(settings, NAME);
  }

  @Override
  public float[] apply(float[] sample, int sampleRateHz, Map<String, Object> settings, SplittableRandom random) {
    float factor = (float) Draw.uniform(random, SettingValues.range(settings, NAME));
    for (int i = 0; i < sample.length; i++) {
      sample[i] *= factor;
    }
    return sample;
  }
}
