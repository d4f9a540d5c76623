package kiln.models.internal;

import kiln.models.kws_bc_resnet;
import kiln.spec.BundledSpec;
import kiln.spec.SpecProvider;
import org.osgi.service.component.annotations.Component;

/** Registers the reference spec kws_bc_resnet. */
@Component(service = SpecProvider.class, property = "kiln.name=kws_bc_resnet")
public class KwsBcResnetSpec extends BundledSpec {
  public KwsBcResnetSpec() {
    super(kws_bc_resnet.class, kws_bc_resnet::new);
  }
}
