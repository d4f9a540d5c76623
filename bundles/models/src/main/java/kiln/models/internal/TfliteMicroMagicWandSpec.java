package kiln.models.internal;

import kiln.models.tflite_micro_magic_wand;
import kiln.spec.BundledSpec;
import kiln.spec.SpecProvider;
import org.osgi.service.component.annotations.Component;

/** Registers the reference spec tflite_micro_magic_wand. */
@Component(service = SpecProvider.class, property = "kiln.name=tflite_micro_magic_wand")
public class TfliteMicroMagicWandSpec extends BundledSpec {
  public TfliteMicroMagicWandSpec() {
    super(tflite_micro_magic_wand.class, tflite_micro_magic_wand::new);
  }
}
