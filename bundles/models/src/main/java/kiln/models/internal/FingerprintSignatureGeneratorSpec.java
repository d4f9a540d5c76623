package kiln.models.internal;

import kiln.models.fingerprint_signature_generator;
import kiln.spec.BundledSpec;
import kiln.spec.SpecProvider;
import org.osgi.service.component.annotations.Component;

/** Registers the reference spec fingerprint_signature_generator. */
@Component(service = SpecProvider.class, property = "kiln.name=fingerprint_signature_generator")
public class FingerprintSignatureGeneratorSpec extends BundledSpec {
  public FingerprintSignatureGeneratorSpec() {
    super(fingerprint_signature_generator.class, fingerprint_signature_generator::new);
  }
}
