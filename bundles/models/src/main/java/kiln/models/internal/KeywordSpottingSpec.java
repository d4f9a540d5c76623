package kiln.models.internal;

import kiln.models.keyword_spotting;
import kiln.spec.BundledSpec;
import kiln.spec.SpecProvider;
import org.osgi.service.component.annotations.Component;

/** Registers the reference spec keyword_spotting. */
@Component(service = SpecProvider.class, property = "kiln.name=keyword_spotting")
public class KeywordSpottingSpec extends BundledSpec {
  public KeywordSpottingSpec() {
    super(keyword_spotting.class, keyword_spotting::new);
  }
}
