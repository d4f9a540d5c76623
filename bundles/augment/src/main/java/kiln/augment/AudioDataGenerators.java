package kiln.augment;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import kiln.api.KilnException;
import kiln.api.ServiceNames;
import kiln.api.data.Augmenter;
import kiln.api.data.FeatureExtractor;
import kiln.api.data.FrontendSettings;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The service a trainer asks for generators: it knows the audio augmenters and feature extractors
 * registered now (installing kiln.augment-tarsos adds speed_range and pitch_range at once).
 */
@Component(service = AudioDataGenerators.class)
public final class AudioDataGenerators {
  /** The feature extractor used unless another is named. */
  public static final String DEFAULT_FRONTEND = "audio-frontend";

  private final Map<String, Augmenter> augmenters = new ConcurrentHashMap<>();
  private final Map<String, FeatureExtractor> extractors = new ConcurrentHashMap<>();

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
      target = "(kiln.domain=audio)")
  void addAugmenter(Augmenter a, Map<String, Object> props) {
    augmenters.put(String.valueOf(props.get(ServiceNames.NAME)), a);
  }

  void removeAugmenter(Augmenter a, Map<String, Object> props) {
    augmenters.remove(String.valueOf(props.get(ServiceNames.NAME)), a);
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void addExtractor(FeatureExtractor f, Map<String, Object> props) {
    extractors.put(String.valueOf(props.get(ServiceNames.NAME)), f);
  }

  void removeExtractor(FeatureExtractor f, Map<String, Object> props) {
    extractors.remove(String.valueOf(props.get(ServiceNames.NAME)), f);
  }

  /** The audio augmenters registered now, by name. */
  public Map<String, Augmenter> augmenters() {
    return new TreeMap<>(augmenters);
  }

  /**
   * A builder with every registered augmenter and the {@code audio-frontend} feature extractor for
   * these frontend settings.
   *
   * @throws KilnException when no audio frontend is registered
   */
  public ParallelAudioDataGenerator.Builder builder(FrontendSettings fe) {
    FeatureExtractor fx = extractors.get(DEFAULT_FRONTEND);
    if (fx == null) {
      throw new KilnException("no FeatureExtractor named " + DEFAULT_FRONTEND + " is registered (is kiln.audio"
          + " installed?); registered: " + extractors.keySet());
    }
    return ParallelAudioDataGenerator.builder().augmenters(augmenters()).frontend(fe, Spectrogram.of(fx, fe));
  }
}
