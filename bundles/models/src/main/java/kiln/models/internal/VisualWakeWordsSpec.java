package kiln.models.internal;

import kiln.models.visual_wake_words;
import kiln.spec.BundledSpec;
import kiln.spec.SpecProvider;
import org.osgi.service.component.annotations.Component;

/** Registers the reference spec visual_wake_words. */
@Component(service = SpecProvider.class, property = "kiln.name=visual_wake_words")
public class VisualWakeWordsSpec extends BundledSpec {
  public VisualWakeWordsSpec() {
    super(visual_wake_words.class, visual_wake_words::new);
  }
}
