package kiln.models.internal;

import kiln.models.keyword_spotting_on_off;
import kiln.spec.BundledSpec;
import kiln.spec.SpecProvider;
import org.osgi.service.component.annotations.Component;

/** Registers the reference spec keyword_spotting_on_off. */
@Component(service = SpecProvider.class, property = "kiln.name=keyword_spotting_on_off")
public class KeywordSpottingOnOffSpec extends BundledSpec {
  public KeywordSpottingOnOffSpec() {
    super(keyword_spotting_on_off.class, keyword_spotting_on_off::new);
  }
}
