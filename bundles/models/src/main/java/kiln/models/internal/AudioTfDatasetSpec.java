package kiln.models.internal;

import kiln.models.audio_tf_dataset;
import kiln.spec.BundledSpec;
import kiln.spec.SpecProvider;
import org.osgi.service.component.annotations.Component;

/** Registers the reference spec audio_tf_dataset. */
@Component(service = SpecProvider.class, property = "kiln.name=audio_tf_dataset")
public class AudioTfDatasetSpec extends BundledSpec {
  public AudioTfDatasetSpec() {
    super(audio_tf_dataset.class, audio_tf_dataset::new);
  }
}
