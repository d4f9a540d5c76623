package kiln.models.internal;

import kiln.models.keyword_spotting_with_transfer_learning;
import kiln.spec.BundledSpec;
import kiln.spec.SpecProvider;
import org.osgi.service.component.annotations.Component;

/** Registers the reference spec keyword_spotting_with_transfer_learning. */
@Component(service = SpecProvider.class, property = "kiln.name=keyword_spotting_with_transfer_learning")
public class KeywordSpottingWithTransferLearningSpec extends BundledSpec {
  public KeywordSpottingWithTransferLearningSpec() {
    super(keyword_spotting_with_transfer_learning.class, keyword_spotting_with_transfer_learning::new);
  }
}
