package kiln.models.internal;

import kiln.models.keyword_spotting_yes_no;
import kiln.spec.BundledSpec;
import kiln.spec.SpecProvider;
import org.osgi.service.component.annotations.Component;

/** Registers the reference spec keyword_spotting_yes_no. */
@Component(service = SpecProvider.class, property = "kiln.name=keyword_spotting_yes_no")
public class KeywordSpottingYesNoSpec extends BundledSpec {
  public KeywordSpottingYesNoSpec() {
    super(keyword_spotting_yes_no.class, keyword_spotting_yes_no::new);
  }
}
