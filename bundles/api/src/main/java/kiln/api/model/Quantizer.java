package kiln.api.model;

import kiln.api.Described;
import org.osgi.annotation.versioning.ConsumerType;

/** Turns a trained float model into a quantized .tflite. Registered with {@code kiln.name}. */
@ConsumerType
public interface Quantizer extends Described {
  /** Produces the .tflite flatbuffer. */
  byte[] quantize(QuantizeJob job);
}
