package kiln.image;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import kiln.api.ServiceNames;
import kiln.api.data.Augmenter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The service the pipeline asks for image generators: it knows the image augmenters
 * ({@code kiln.domain=image}) registered now.
 */
@Component(service = ImageDataGenerators.class)
public final class ImageDataGenerators {
  private final Map<String, Augmenter> augmenters = new ConcurrentHashMap<>();

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
      target = "(kiln.domain=image)")
  void addAugmenter(Augmenter a, Map<String, Object> props) {
    augmenters.put(String.valueOf(props.get(ServiceNames.NAME)), a);
  }

  void removeAugmenter(Augmenter a, Map<String, Object> props) {
    augmenters.remove(String.valueOf(props.get(ServiceNames.NAME)), a);
  }

  /** The image augmenters registered now, by name. */
  public Map<String, Augmenter> augmenters() {
    return new TreeMap<>(augmenters);
  }

  /** A generator builder with every registered image augmenter. */
  public ParallelImageDataGenerator.Builder builder() {
    return ParallelImageDataGenerator.builder().augmenters(augmenters());
  }
}
