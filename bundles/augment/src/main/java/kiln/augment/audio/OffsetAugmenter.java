package kiln.augment.audio;

import java.util.Map;
import java.util.SplittableRandom;
import kiln.api.data.Augmenter;
import kiln.augment.AudioOps;
import kiln.augment.SettingValues;
import org.osgi.service.component.annotations.Component;

/**
 * {@code offset_range}: pads (or crops) the clip to the sample length with a random share of the
 * free space before it, as MLTK's {@code adjust_length}: {@code before = floor((len - n) * offset)}.
 * The sample length is {@code sample_length_ms} (default 1000) at the given rate.
 */
@Component(property = {"kiln.name=" + OffsetAugmenter.NAME, "kiln.domain=audio"})
public final class OffsetAugmenter implements Augmenter {
  public static final String NAME = "offset_range";

  @Override
  public String description() {
    return "places the clip at a random offset (share of free space) within the sample length";
  }

  @Override
  public boolean enabled(Map<String, Object> settings) {
    return SettingValues.isSet(settings, NAME);
  }

  @Override
  public float[] apply(float[] sample, int sampleRateHz, Map<String, Object> settings, SplittableRandom random) {
    double offset = Draw.uniform(random, SettingValues.range(settings, NAME));
    return AudioOps.adjustLength(sample, sampleLength(sampleRateHz, settings), offset);
  }

  /** The target length in samples: {@code sample_length_ms} at {@code sampleRateHz}. */
  public static int sampleLength(int sampleRateHz, Map<String, Object> settings) {
    double ms = SettingValues.number(settings, "sample_length_ms", 1000);
    return (int) (sampleRateHz * ms / 1000);
  }
}
