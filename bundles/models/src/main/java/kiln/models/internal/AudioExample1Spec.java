package kiln.models.internal;

import kiln.models.audio_example1;
import kiln.spec.BundledSpec;
import kiln.spec.SpecProvider;
import org.osgi.service.component.annotations.Component;

/** Registers the reference spec audio_example1. */
@Component(service = SpecProvider.class, property = "kiln.name=audio_example1")
public class AudioExample1Spec extends BundledSpec {
  public AudioExample1Spec() {
    super(audio_example1.class, audio_example1::new);
  }
}
