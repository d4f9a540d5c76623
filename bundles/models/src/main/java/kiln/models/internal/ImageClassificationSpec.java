package kiln.models.internal;

import kiln.models.image_classification;
import kiln.spec.BundledSpec;
import kiln.spec.SpecProvider;
import org.osgi.service.component.annotations.Component;

/** Registers the reference spec image_classification. */
@Component(service = SpecProvider.class, property = "kiln.name=image_classification")
public class ImageClassificationSpec extends BundledSpec {
  public ImageClassificationSpec() {
    super(image_classification.class, image_classification::new);
  }
}
