package kiln.augment.tarsos;

import java.util.LinkedHashMap;
import java.util.Map;
import kiln.api.data.Augmenter;

/** This bundle's augmenters by name, for use without OSGi (tests, benchmarks). */
public final class TarsosAugmenters {
  private TarsosAugmenters() {}

  public static Map<String, Augmenter> all() {
    Map<String, Augmenter> m = new LinkedHashMap<>();
    m.put(SpeedAugmenter.NAME, new SpeedAugmenter());
    m.put(PitchAugmenter.NAME, new PitchAugmenter());
    return m;
  }
}
