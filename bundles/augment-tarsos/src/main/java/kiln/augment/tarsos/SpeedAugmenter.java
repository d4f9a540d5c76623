package kiln.augment.tarsos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import kiln.api.KilnException;
import kiln.api.data.Augmenter;
import kiln.augment.SettingValues;
import org.osgi.service.component.annotations.Component;

/**
 * {@code speed_range}: plays the clip faster or slower without changing its pitch (TarsosDSP WSOLA
 * time stretch). As MLTK, the factor is drawn from the range in steps of 0.1 (rounded, 1.0 left
 * out): speed 2.0 halves the duration.
 */
@Component(property = {"kiln.name=" + SpeedAugmenter.NAME, "kiln.domain=audio"})
public final class SpeedAugmenter implements Augmenter {
  public static final String NAME = "speed_range";

  @Override
  public String description() {
    return "changes the speed by a random factor (steps of 0.1), keeping the pitch (TarsosDSP, GPL-3.0)";
  }

  @Override
  public boolean enabled(Map<String, Object> settings) {
    return SettingValues.isSet(settings, NAME);
  }

  @Override
  public float[] apply(float[] sample, int sampleRateHz, Map<String, Object> settings, SplittableRandom random) {
    List<Double> speeds = speeds(SettingValues.range(settings, NAME));
    double speed = speeds.get(random.nextInt(speeds.size()));
    return TarsosStretch.timeStretch(sample, sampleRateHz, speed);
  }

  /** MLTK's choices: {@code round(arange(min, max, 0.1), 1)} without 1.0; {min} when that is all. */
  static List<Double> speeds(double[] range) {
    List<Double> out = new ArrayList<>();
    for (int i = 0; range[0] + i * 0.1 < range[1] - 1e-9; i++) {
      double s = Math.round((range[0] + i * 0.1) * 10) / 10.0;
      if (s != 1.0) {
        out.add(s);
      }
    }
    if (out.isEmpty()) {
      if (range[0] <= 0) {
        throw new KilnException("datagen setting speed_range must be > 0, found (" + range[0] + ", " + range[1] + ")");
      }
      out.add(range[0]);
    }
    if (out.get(0) <= 0) {
      throw new KilnException("datagen setting speed_range must be > 0, found (" + range[0] + ", " + range[1] + ")");
    }
    return out;
  }
}
