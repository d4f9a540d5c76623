package kiln.models.internal;

import kiln.models.basic_example;
import kiln.spec.BundledSpec;
import kiln.spec.SpecProvider;
import org.osgi.service.component.annotations.Component;

/** Registers the reference spec basic_example. */
@Component(service = SpecProvider.class, property = "kiln.name=basic_example")
public class BasicExampleSpec extends BundledSpec {
  public BasicExampleSpec() {
    super(basic_example.class, basic_example::new);
  }
}
