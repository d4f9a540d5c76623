package kiln.models.internal;

import kiln.models.fashion_mnist_example;
import kiln.spec.BundledSpec;
import kiln.spec.SpecProvider;
import org.osgi.service.component.annotations.Component;

/** Registers the reference spec fashion_mnist_example. */
@Component(service = SpecProvider.class, property = "kiln.name=fashion_mnist_example")
public class FashionMnistExampleSpec extends BundledSpec {
  public FashionMnistExampleSpec() {
    super(fashion_mnist_example.class, fashion_mnist_example::new);
  }
}
