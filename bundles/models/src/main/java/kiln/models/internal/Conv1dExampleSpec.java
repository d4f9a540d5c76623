package kiln.models.internal;

import kiln.models.conv1d_example;
import kiln.spec.BundledSpec;
import kiln.spec.SpecProvider;
import org.osgi.service.component.annotations.Component;

/** Registers the reference spec conv1d_example. */
@Component(service = SpecProvider.class, property = "kiln.name=conv1d_example")
public class Conv1dExampleSpec extends BundledSpec {
  public Conv1dExampleSpec() {
    super(conv1d_example.class, conv1d_example::new);
  }
}
