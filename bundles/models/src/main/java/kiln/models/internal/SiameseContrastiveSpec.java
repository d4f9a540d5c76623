package kiln.models.internal;

import kiln.models.siamese_contrastive;
import kiln.spec.BundledSpec;
import kiln.spec.SpecProvider;
import org.osgi.service.component.annotations.Component;

/** Registers the reference spec siamese_contrastive. */
@Component(service = SpecProvider.class, property = "kiln.name=siamese_contrastive")
public class SiameseContrastiveSpec extends BundledSpec {
  public SiameseContrastiveSpec() {
    super(siamese_contrastive.class, siamese_contrastive::new);
  }
}
