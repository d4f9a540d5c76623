package kiln.models.internal;

import kiln.models.binary_classification;
import kiln.spec.BundledSpec;
import kiln.spec.SpecProvider;
import org.osgi.service.component.annotations.Component;

/** Registers the reference spec binary_classification. */
@Component(service = SpecProvider.class, property = "kiln.name=binary_classification")
public class BinaryClassificationSpec extends BundledSpec {
  public BinaryClassificationSpec() {
    super(binary_classification.class, binary_classification::new);
  }
}
