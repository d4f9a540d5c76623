package kiln.api.data;

import java.util.Map;
import java.util.SplittableRandom;
import kiln.api.Described;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One named, seeded transformation of a sample. Registered with {@code kiln.name} equal to the
 * setting that enables it (e.g. {@code loudness_range}) and {@code kiln.domain} ({@code audio} or
 * {@code image}).
 */
@ConsumerType
public interface Augmenter extends Described {
  /** The service property naming the kind of sample an augmenter works on. */
  String DOMAIN = "kiln.domain";


  /**
   * Whether the datagen settings turn this augmentation on.
   *
   * @param settings the data generator settings, keyed by MLTK setting names
   */
  boolean enabled(Map<String, Object> settings);

  /**
   * Applies the augmentation. Equal inputs, settings and random state give equal outputs.
   *
   * @param sample mono audio in [-1, 1] (audio) or an image, HWC row-major (image)
   * @param sampleRateHz the audio sample rate (0 for images)
   * @param settings the data generator settings, keyed by MLTK setting names
   * @param random the only source of randomness
   * @return the transformed sample (may be the input array, changed in place)
   */
  float[] apply(float[] sample, int sampleRateHz, Map<String, Object> settings, SplittableRandom random);
}
