package kiln.augment.audio;

import java.util.LinkedHashMap;
import java.util.Map;
import kiln.api.data.Augmenter;

/** This bundle's augmenters by name, for use without OSGi (tests, benchmarks). */
public final class BuiltinAugmenters {
  private BuiltinAugmenters() {}

  public static Map<String, Augmenter> all() {
    Map<String, Augmenter> m = new LinkedHashMap<>();
    m.put(TrimAugmenter.NAME, new TrimAugmenter());
    m.put(OffsetAugmenter.NAME, new OffsetAugmenter());
    m.put(LoudnessAugmenter.NAME, new LoudnessAugmenter());
    m.put(NoiseColorAugmenter.NAME, new NoiseColorAugmenter());
    m.put(BgNoiseAugmenter.NAME, new BgNoiseAugmenter());
    m.put(VtlpAugmenter.NAME, new VtlpAugmenter());
    return m;
  }
}
