package kiln.models.internal;

import kiln.models.keyword_spotting_on_off_v3;
import kiln.spec.BundledSpec;
import kiln.spec.SpecProvider;
import org.osgi.service.component.annotations.Component;

/** Registers the reference spec keyword_spotting_on_off_v3. */
@Component(service = SpecProvider.class, property = "kiln.name=keyword_spotting_on_off_v3")
public class KeywordSpottingOnOffV3Spec extends BundledSpec {
  public KeywordSpottingOnOffV3Spec() {
    super(keyword_spotting_on_off_v3.class, keyword_spotting_on_off_v3::new);
  }
}
