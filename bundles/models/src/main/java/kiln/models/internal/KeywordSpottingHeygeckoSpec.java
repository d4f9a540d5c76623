package kiln.models.internal;

import kiln.models.keyword_spotting_heygecko;
import kiln.spec.BundledSpec;
import kiln.spec.SpecProvider;
import org.osgi.service.component.annotations.Component;

/** Registers the reference spec keyword_spotting_heygecko. */
@Component(service = SpecProvider.class, property = "kiln.name=keyword_spotting_heygecko")
public class KeywordSpottingHeygeckoSpec extends BundledSpec {
  public KeywordSpottingHeygeckoSpec() {
    super(keyword_spotting_heygecko.class, keyword_spotting_heygecko::new);
  }
}
