package kiln.models.internal;

import kiln.models.keyword_spotting_pacman_v2;
import kiln.spec.BundledSpec;
import kiln.spec.SpecProvider;
import org.osgi.service.component.annotations.Component;

/** Registers the reference spec keyword_spotting_pacman_v2. */
@Component(service = SpecProvider.class, property = "kiln.name=keyword_spotting_pacman_v2")
public class KeywordSpottingPacmanV2Spec extends BundledSpec {
  public KeywordSpottingPacmanV2Spec() {
    super(keyword_spotting_pacman_v2.class, keyword_spotting_pacman_v2::new);
  }
}
