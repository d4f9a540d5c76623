package kiln.api.model;

import org.osgi.annotation.versioning.ConsumerType;

/** Turns a trained float model into a quantized .tflite. Registered with {@code kiln.name}. */
@ConsumerType
public interface Quantizer {
  /** One line for {@code kiln:list quantizers}. */
  String description();

  /** Produces the .tflite flatbuffer. */
  byte[] quantize(QuantizeJob job);
}
