package kiln.models.internal;

import kiln.models.image_example1;
import kiln.spec.BundledSpec;
import kiln.spec.SpecProvider;
import org.osgi.service.component.annotations.Component;

/** Registers the reference spec image_example1. */
@Component(service = SpecProvider.class, property = "kiln.name=image_example1")
public class ImageExample1Spec extends BundledSpec {
  public ImageExample1Spec() {
    super(image_example1.class, image_example1::new);
  }
}
