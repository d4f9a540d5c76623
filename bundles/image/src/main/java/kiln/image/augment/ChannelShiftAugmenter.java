package kiln.image.augment;

import java.util.Map;
import java.util.SplittableRandom;
import kiln.api.data.Augmenter;
import kiln.image.internal.Settings;
import org.osgi.service.component.annotations.Component;

/**
 * {@code channel_shift_range}: adds one uniform value in +-range to every channel, clipped to the
 * image's own minimum and maximum (Keras' {@code apply_channel_shift}).
 */
@Component(property = {"kiln.name=channel_shift_range", "kiln.domain=image"})
public final class ChannelShiftAugmenter implements Augmenter {
  @Override
  public String description() {
    return "channel_shift_range: random intensity shift";
  }

  @Override
  public boolean enabled(Map<String, Object> settings) {
    return Settings.number(settings, "channel_shift_range", 0) > 0;
  }

  @Override
  public float[] apply(float[] x, int rate, Map<String, Object> settings, SplittableRandom random) {
    double range = Settings.number(settings, "channel_shift_range", 0);
    return shift(x, (float) (range * (2 * random.nextDouble() - 1)));
  }

  /** {@code x} plus {@code shift}, clipped to the image's minimum and maximum (in place). */
  public static float[] shift(float[] x, float shift) {
    float min = Float.MAX_VALUE;
    float max = -Float.MAX_VALUE;
    for (float v : x) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.max(min, Math.min(max, x[i] + shift));
    }
    return x;
  }
}
