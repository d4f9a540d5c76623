package kiln.models.internal;

import kiln.models.image_tf_dataset;
import kiln.spec.BundledSpec;
import kiln.spec.SpecProvider;
import org.osgi.service.component.annotations.Component;

/** Registers the reference spec image_tf_dataset. */
@Component(service = SpecProvider.class, property = "kiln.name=image_tf_dataset")
public class ImageTfDatasetSpec extends BundledSpec {
  public ImageTfDatasetSpec() {
    super(image_tf_dataset.class, image_tf_dataset::new);
  }
}
