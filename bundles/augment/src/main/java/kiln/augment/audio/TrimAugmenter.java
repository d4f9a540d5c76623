package kiln.augment.audio;

import java.util.Map;
import java.util.SplittableRandom;
import kiln.api.data.Augmenter;
import kiln.augment.AudioOps;
import kiln.augment.SettingValues;
import org.osgi.service.component.annotations.Component;

/**
 * {@code trim_threshold_db}: cuts leading and trailing silence (frames quieter than the loudest by
 * more than the threshold), as {@code librosa.effects.trim}. Deterministic.
 */
@Component(property = {"kiln.name=" + TrimAugmenter.NAME, "kiln.domain=audio"})
public final class TrimAugmenter implements Augmenter {
  public static final String NAME = "trim_threshold_db";

  @Override
  public String description() {
    return "trims leading/trailing silence below the threshold (dB under the loudest frame)";
  }

  @Override
  public boolean enabled(Map<String, Object> settings) {
    return SettingValues.isSet(settings, NAME) && SettingValues.number(settings, NAME, 0) > 0;
  }

  @Override
  public float[] apply(float[] sample, int sampleRateHz, Map<String, Object> settings, SplittableRandom random) {
    return AudioOps.trim(sample, SettingValues.number(settings, NAME, 20));
  }
}
