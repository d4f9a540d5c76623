package kiln.models.internal;

import kiln.models.keyword_spotting_alexa;
import kiln.spec.BundledSpec;
import kiln.spec.SpecProvider;
import org.osgi.service.component.annotations.Component;

/** Registers the reference spec keyword_spotting_alexa. */
@Component(service = SpecProvider.class, property = "kiln.name=keyword_spotting_alexa")
public class KeywordSpottingAlexaSpec extends BundledSpec {
  public KeywordSpottingAlexaSpec() {
    super(keyword_spotting_alexa.class, keyword_spotting_alexa::new);
  }
}
