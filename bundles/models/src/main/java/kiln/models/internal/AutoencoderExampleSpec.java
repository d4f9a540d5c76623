package kiln.models.internal;

import kiln.models.autoencoder_example;
import kiln.spec.BundledSpec;
import kiln.spec.SpecProvider;
import org.osgi.service.component.annotations.Component;

/** Registers the reference spec autoencoder_example. */
@Component(service = SpecProvider.class, property = "kiln.name=autoencoder_example")
public class AutoencoderExampleSpec extends BundledSpec {
  public AutoencoderExampleSpec() {
    super(autoencoder_example.class, autoencoder_example::new);
  }
}
