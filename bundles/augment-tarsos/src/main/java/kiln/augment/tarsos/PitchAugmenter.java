package kiln.augment.tarsos;

import java.util.Map;
import java.util.SplittableRandom;
import kiln.api.KilnException;
import kiln.api.data.Augmenter;
import kiln.augment.SettingValues;
import org.osgi.service.component.annotations.Component;

/**
 * {@code pitch_range}: shifts the pitch by a whole number of semitones, keeping the length
 * (TarsosDSP WSOLA + resampling). As MLTK: integers are semitones, floats are octaves
 * ({@code int(v * 12)} semitones), and the shift is drawn from {@code [lower, upper)}.
 */
@Component(property = {"kiln.name=" + PitchAugmenter.NAME, "kiln.domain=audio"})
public final class PitchAugmenter implements Augmenter {
  public static final String NAME = "pitch_range";
  static final int MIN_SEMITONES = -24;
  static final int MAX_SEMITONES = 39;

  @Override
  public String description() {
    return "shifts the pitch by random semitones, keeping the duration (TarsosDSP, GPL-3.0)";
  }

  @Override
  public boolean enabled(Map<String, Object> settings) {
    return SettingValues.isSet(settings, NAME);
  }

  @Override
  public float[] apply(float[] sample, int sampleRateHz, Map<String, Object> settings, SplittableRandom random) {
    int semitones = drawSemitones(settings, random);
    return semitones == 0 ? sample : TarsosStretch.pitchShift(sample, sampleRateHz, semitones);
  }

  static int drawSemitones(Map<String, Object> settings, SplittableRandom random) {
    double[] r = SettingValues.range(settings, NAME);
    boolean ints = SettingValues.rangeIsIntegral(settings, NAME);
    int lower = ints ? (int) r[0] : (int) (r[0] * 12);
    int upper = ints ? (int) r[1] : (int) (r[1] * 12);
    // the resampler takes factors 2^(-semitones / 12) from 0.1 to 4 (TarsosDSP's RateTransposer)
    if (lower < MIN_SEMITONES || Math.max(lower, upper - 1) > MAX_SEMITONES) {
      throw new KilnException("datagen setting pitch_range must shift by " + MIN_SEMITONES + " to " + MAX_SEMITONES
          + " semitones (" + MIN_SEMITONES / 12.0 + " to " + MAX_SEMITONES / 12.0 + " octaves as floats), found "
          + settings.get(NAME));
    }
    return upper > lower ? lower + random.nextInt(upper - lower) : lower;
  }
}
