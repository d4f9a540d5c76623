package kiln.api.model;

import kiln.api.Described;
import org.osgi.annotation.versioning.ConsumerType;

/** Turns a trained float model into a quantized .tflite. Registered with {@code kiln.name}. */
@ConsumerType
public interface Quantizer extends Described {
  /**
   * Quantizes the job's model.
   *
   * @throws kiln.api.KilnException naming the layer or setting that cannot be quantized
   */
  QuantizeResult quantize(QuantizeJob job);
}
