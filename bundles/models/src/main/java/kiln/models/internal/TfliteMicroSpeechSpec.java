package kiln.models.internal;

import kiln.models.tflite_micro_speech;
import kiln.spec.BundledSpec;
import kiln.spec.SpecProvider;
import org.osgi.service.component.annotations.Component;

/** Registers the reference spec tflite_micro_speech. */
@Component(service = SpecProvider.class, property = "kiln.name=tflite_micro_speech")
public class TfliteMicroSpeechSpec extends BundledSpec {
  public TfliteMicroSpeechSpec() {
    super(tflite_micro_speech.class, tflite_micro_speech::new);
  }
}
