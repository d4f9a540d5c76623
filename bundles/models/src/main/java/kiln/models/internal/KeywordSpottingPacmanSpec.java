package kiln.models.internal;

import kiln.models.keyword_spotting_pacman;
import kiln.spec.BundledSpec;
import kiln.spec.SpecProvider;
import org.osgi.service.component.annotations.Component;

/** Registers the reference spec keyword_spotting_pacman. */
@Component(service = SpecProvider.class, property = "kiln.name=keyword_spotting_pacman")
public class KeywordSpottingPacmanSpec extends BundledSpec {
  public KeywordSpottingPacmanSpec() {
    super(keyword_spotting_pacman.class, keyword_spotting_pacman::new);
  }
}
