package kiln.models.internal;

import kiln.models.basic_tf_dataset_example;
import kiln.spec.BundledSpec;
import kiln.spec.SpecProvider;
import org.osgi.service.component.annotations.Component;

/** Registers the reference spec basic_tf_dataset_example. */
@Component(service = SpecProvider.class, property = "kiln.name=basic_tf_dataset_example")
public class BasicTfDatasetExampleSpec extends BundledSpec {
  public BasicTfDatasetExampleSpec() {
    super(basic_tf_dataset_example.class, basic_tf_dataset_example::new);
  }
}
