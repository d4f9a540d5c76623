package kiln.models.internal;

import kiln.models.keyword_spotting_mobilenetv2;
import kiln.spec.BundledSpec;
import kiln.spec.SpecProvider;
import org.osgi.service.component.annotations.Component;

/** Registers the reference spec keyword_spotting_mobilenetv2. */
@Component(service = SpecProvider.class, property = "kiln.name=keyword_spotting_mobilenetv2")
public class KeywordSpottingMobilenetv2Spec extends BundledSpec {
  public KeywordSpottingMobilenetv2Spec() {
    super(keyword_spotting_mobilenetv2.class, keyword_spotting_mobilenetv2::new);
  }
}
