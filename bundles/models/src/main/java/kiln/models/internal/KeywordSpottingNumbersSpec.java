package kiln.models.internal;

import kiln.models.keyword_spotting_numbers;
import kiln.spec.BundledSpec;
import kiln.spec.SpecProvider;
import org.osgi.service.component.annotations.Component;

/** Registers the reference spec keyword_spotting_numbers. */
@Component(service = SpecProvider.class, property = "kiln.name=keyword_spotting_numbers")
public class KeywordSpottingNumbersSpec extends BundledSpec {
  public KeywordSpottingNumbersSpec() {
    super(keyword_spotting_numbers.class, keyword_spotting_numbers::new);
  }
}
